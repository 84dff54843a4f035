package dev.parley.conversation;

import dev.parley.store.Store;

/**
 * Who may see a conversation through an access token: only its participants. A Webchat guest's
 * token names its own identity, so this keeps one visitor out of another's conversation.
 */
public final class ConversationAccess {
  private final Store store;

  public ConversationAccess(Store store) {
    this.store = store;
  }

  /**
   * Whether {@code identity} may read conversation {@code conversationSid} of service {@code
   * serviceSid} in account {@code accountSid}: it must be one of its participants. False for a
   * conversation of another account or service, as for one that does not exist.
   */
  public boolean mayRead(
      String accountSid, String serviceSid, String identity, String conversationSid) {
    return store.read(
        tx ->
            store
                .conversations()
                .find(tx, serviceSid, conversationSid)
                .filter(c -> c.sid().equals(conversationSid))
                .filter(c -> c.accountSid().equals(accountSid))
                .flatMap(c -> store.participants().findByIdentity(tx, c.sid(), identity))
                .isPresent());
  }
}
