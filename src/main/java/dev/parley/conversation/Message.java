package dev.parley.conversation;

import dev.parley.shapes.DeliverySummary;
import dev.parley.store.MessageRecord;

/** A message as read back: the stored record and its delivery summary (null when chat only). */
public record Message(MessageRecord record, DeliverySummary delivery) {}
