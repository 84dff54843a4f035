package dev.parley.conversation;

import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;

/** The subject of an {@code onMessageAdded} event: the new message and its conversation. */
public record MessagePosted(ConversationRecord conversation, MessageRecord message) {}
