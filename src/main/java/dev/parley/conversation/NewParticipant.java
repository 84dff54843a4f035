package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.json.Attributes;
import dev.parley.shapes.MessagingBinding;
import java.time.Instant;

/**
 * What a caller asks for when adding a participant. A chat (SDK) participant has an {@code
 * identity}; an SMS-type one a {@code binding} with an address. Twilio: identity is "non-null if
 * (and only if) the participant is using the Conversations SDK", so one of the two must be given
 * and not both; a chat participant may still carry a Group MMS projected address.
 */
public record NewParticipant(
    String identity,
    Attributes attributes,
    String roleSid,
    Instant dateCreated,
    Instant dateUpdated,
    MessagingBinding binding) {
  public static final int MAX_IDENTITY = 256;

  public NewParticipant {
    if (binding != null && binding.isEmpty()) {
      binding = null;
    }
    boolean hasAddress = binding != null && binding.address() != null;
    if (identity == null && !hasAddress) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Identity or MessagingBinding.Address");
    }
    if (identity != null && hasAddress) {
      throw ApiException.invalid(
          "Identity", "a participant has either an Identity or a MessagingBinding.Address");
    }
    if (identity != null && (identity.isEmpty() || identity.length() > MAX_IDENTITY)) {
      throw ApiException.invalid("Identity", "must be 1 to " + MAX_IDENTITY + " characters");
    }
    if (binding != null && binding.address() == null && binding.proxyAddress() != null) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "MessagingBinding.Address");
    }
  }

  /** A chat participant as the web chat orchestration adds one. */
  public static NewParticipant chat(String identity, Attributes attributes) {
    return new NewParticipant(identity, attributes, null, null, null, null);
  }
}
