package dev.parley.conversation;

import dev.parley.json.Attributes;
import java.time.Instant;

/** An update to a conversation. Null fields are left as they are. */
public record ConversationChanges(
    String friendlyName,
    String uniqueName,
    Instant dateCreated,
    Instant dateUpdated,
    String messagingServiceSid,
    Attributes attributes,
    ConversationState state,
    Timers timers,
    String bindings) {}
