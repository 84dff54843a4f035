package dev.parley.ids;

import java.util.Objects;

/**
 * A user as a Twilio path names it: by its SID or by its identity. A method that takes a {@code
 * UserRef} accepts either; one that takes a {@link UserSid} only a SID. {@code UserService.find} is
 * the one place a reference is resolved; the store looks it up by {@link #value()}, a SID winning
 * over an identity that looks like one.
 */
public sealed interface UserRef permits UserSid, UserRef.Identity {

  /** The SID or identity, as the client wrote it. */
  String value();

  /** A well-formed US SID as a {@link UserSid}, anything else as an identity. */
  static UserRef of(String sidOrIdentity) {
    return SidPrefix.USER.matches(sidOrIdentity)
        ? new UserSid(sidOrIdentity)
        : new Identity(sidOrIdentity);
  }

  /** A user named by its identity. */
  record Identity(String value) implements UserRef {
    public Identity {
      Objects.requireNonNull(value, "identity");
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
