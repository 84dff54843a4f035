package dev.parley.ids;

import java.util.Objects;

/**
 * A participant as a Twilio path (or the realtime SDK) names it: by its SID or by its identity. A
 * method that takes a {@code ParticipantRef} accepts either; one that takes a {@link
 * ParticipantSid} only a SID. {@code ParticipantService.find} is the one place a reference is
 * resolved; the store looks it up by {@link #value()}, a SID winning over an identity that looks
 * like one.
 */
public sealed interface ParticipantRef permits ParticipantSid, ParticipantRef.Identity {

  /** The SID or identity, as the client wrote it. */
  String value();

  /** A well-formed MB SID as a {@link ParticipantSid}, anything else as an identity. */
  static ParticipantRef of(String sidOrIdentity) {
    return SidPrefix.PARTICIPANT.matches(sidOrIdentity)
        ? new ParticipantSid(sidOrIdentity)
        : new Identity(sidOrIdentity);
  }

  /** A participant named by its chat identity. */
  record Identity(String value) implements ParticipantRef {
    public Identity {
      Objects.requireNonNull(value, "identity");
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
