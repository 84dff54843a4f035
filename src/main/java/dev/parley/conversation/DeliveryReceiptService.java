package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.MessageSid;
import dev.parley.store.DeliveryReceiptRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;

/**
 * Reads delivery receipts. Only non-chat participants (SMS, WhatsApp…) produce them, so a web
 * chat's messages have none; the lists are real reads all the same.
 */
public final class DeliveryReceiptService {
  private final Store store;
  private final MessageService messages;

  public DeliveryReceiptService(Store store, MessageService messages) {
    this.store = store;
    this.messages = messages;
  }

  public Slice<DeliveryReceiptRecord> page(
      Scope scope,
      ConversationRef conversationSidOrUniqueName,
      MessageSid messageSid,
      PageRequest page) {
    return store.read(
        tx -> {
          MessageRecord message = messages.find(tx, scope, conversationSidOrUniqueName, messageSid);
          return store.deliveryReceipts().page(tx, message.sid(), page);
        });
  }

  public DeliveryReceiptRecord find(
      Scope scope, ConversationRef conversationSidOrUniqueName, MessageSid messageSid, String sid) {
    return store.read(
        tx -> {
          MessageRecord message = messages.find(tx, scope, conversationSidOrUniqueName, messageSid);
          return store
              .deliveryReceipts()
              .find(tx, message.sid(), sid)
              .orElseThrow(ApiException::notFound);
        });
  }
}
