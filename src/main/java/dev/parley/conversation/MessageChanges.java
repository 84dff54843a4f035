package dev.parley.conversation;

import dev.parley.json.Attributes;
import java.time.Instant;

/** An edit of a message. Null fields are left as they are. */
public record MessageChanges(
    String author,
    String body,
    Attributes attributes,
    Instant dateCreated,
    Instant dateUpdated,
    String subject) {

  public MessageChanges {
    MessageRules.checkLength("Body", body, NewMessage.MAX_BODY);
    MessageRules.checkLength("Subject", subject, NewMessage.MAX_SUBJECT);
  }
}
