package dev.parley.realtime.sync;

import dev.parley.auth.AccessGrant;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.store.Store;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Who may open a Sync object, always within the grant's account and service: a conversation's
 * objects only its participants (Twilio has no role that reads a chat one is not in); a user's
 * conversations only that user; a user's profile that user and anyone who meets it in a
 * conversation. So a Webchat guest can never read another visitor's chat, nor an agent a chat it
 * was not added to. A participant removed later loses its subscriptions ({@link
 * Subscriptions#membershipEnded}).
 */
final class SyncAccess {
  private final Store store;
  private final FirstUse firstUse;

  SyncAccess(Store store, FirstUse firstUse) {
    this.store = store;
    this.firstUse = firstUse;
  }

  /**
   * Runs {@code work} on the object {@code id} (SID or unique name) of the grant's service, if the
   * grant may read it. A conversation's objects are made first if this is the first time anyone
   * asks for them ({@link FirstUse}).
   */
  <T> T read(
      AccessGrant grant, SyncKind kind, String id, BiFunction<Tx, SyncObjectRecord, T> work) {
    Optional<T> done = store.read(tx -> find(tx, grant, kind, id).map(o -> work.apply(tx, o)));
    if (done.isPresent()) {
      return done.get();
    }
    if (!store.write(tx -> firstUse.makeFor(tx, grant.accountSid(), grant.serviceSid(), id))) {
      throw new ApiException(TwilioError.SYNC_OBJECT_NOT_FOUND, id);
    }
    return store.read(
        tx ->
            work.apply(
                tx,
                find(tx, grant, kind, id)
                    .orElseThrow(() -> new ApiException(TwilioError.SYNC_OBJECT_NOT_FOUND, id))));
  }

  private Optional<SyncObjectRecord> find(Tx tx, AccessGrant grant, SyncKind kind, String id) {
    Optional<SyncObjectRecord> object =
        store
            .sync()
            .find(tx, grant.serviceSid(), id)
            .filter(o -> o.accountSid().equals(grant.accountSid()))
            .filter(o -> kind == null || o.kind().equals(kind.wire()));
    if (object.isPresent() && !mayRead(tx, grant, object.get())) {
      throw new ApiException(TwilioError.SYNC_FORBIDDEN, grant.identity());
    }
    return object;
  }

  private boolean mayRead(Tx tx, AccessGrant grant, SyncObjectRecord object) {
    SyncNames.Owner owner = SyncNames.ownerOf(object.uniqueName());
    String me = grant.identity();
    if (owner.conversationSid() != null) {
      return store.participants().findByIdentity(tx, owner.conversationSid(), me).isPresent();
    }
    if (owner.identity().equals(me)) {
      return true;
    }
    return owner.userInfo()
        && store.participants().meet(tx, grant.serviceSid(), me, owner.identity());
  }
}
