package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.json.Attributes;
import java.time.Instant;
import java.util.List;

/**
 * What a caller asks for when posting a message. Null means "not given". Checked here, so every
 * caller (REST, realtime, web chat) gets the same rules: a message needs a body, a media SID or a
 * content SID ({@code mediaSids} is empty, never null, when it has no media); the body is at most
 * 1,600 characters and the subject 256
 * (https://www.twilio.com/docs/conversations/api/conversation-message-resource).
 */
public record NewMessage(
    String author,
    String body,
    Attributes attributes,
    Instant dateCreated,
    Instant dateUpdated,
    List<String> mediaSids,
    String contentSid,
    String contentVariables,
    String subject) {
  static final int MAX_BODY = 1600;
  static final int MAX_SUBJECT = 256;

  public NewMessage {
    mediaSids = mediaSids == null ? List.of() : List.copyOf(mediaSids);
    MessageRules.checkLength("Body", body, MAX_BODY);
    MessageRules.checkLength("Subject", subject, MAX_SUBJECT);
    if (isEmpty(body) && mediaSids.isEmpty() && isEmpty(contentSid)) {
      throw ApiException.invalid("Body", "a message needs a Body, MediaSid or ContentSid");
    }
  }

  /** A plain text message from {@code author}, as the realtime and web chat paths post. */
  public static NewMessage text(String author, String body, Attributes attributes) {
    return new NewMessage(author, body, attributes, null, null, List.of(), null, null, null);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
