package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.ids.UserRef;
import dev.parley.store.PageRequest;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.time.Clock;
import java.time.Instant;

/** Conversations users: one per identity (case-sensitive) within a service. */
public final class UserService {
  /**
   * The broadcast channel of deleted users, {@code "<service SID> <identity>"} each: every node
   * ends the realtime connections that act as them.
   */
  public static final String REMOVED = "parley_user_removed";

  public static final int MAX_IDENTITY = 256;
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final ChangeEvents events;
  private final PreActions pre;

  public UserService(
      Store store, Clock clock, SidGenerator sids, ChangeEvents events, PreActions pre) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.events = events;
    this.pre = pre;
  }

  public UserRecord create(Scope scope, NewUser request) {
    return store.write(tx -> create(tx, scope, request));
  }

  /** Creates a user in a caller's transaction; 409 (50201) when the identity is taken. */
  public UserRecord create(Tx tx, Scope scope, NewUser request) {
    requireIdentity(request.identity());
    if (store.users().findByIdentity(tx, scope.serviceSid(), request.identity()).isPresent()) {
      throw new ApiException(TwilioError.USER_EXISTS, request.identity());
    }
    return insert(tx, scope, request);
  }

  private static void requireIdentity(String identity) {
    if (identity == null || identity.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Identity");
    }
    if (identity.length() > MAX_IDENTITY) {
      throw ApiException.invalid("Identity", "must be at most " + MAX_IDENTITY + " characters");
    }
  }

  private UserRecord insert(Tx tx, Scope scope, NewUser request) {
    return insert(tx, scope, request, false);
  }

  /** {@code generated}: the identity was just made up, so nothing can be keyed by it yet. */
  private UserRecord insert(Tx tx, Scope scope, NewUser request, boolean generated) {
    Instant now = clock.instant();
    UserRecord user =
        new UserRecord(
            sids.next(SidPrefix.USER),
            scope.accountSid(),
            scope.serviceSid(),
            request.identity(),
            request.friendlyName(),
            request.attributes() == null ? "{}" : request.attributes().json(),
            request.roleSid() == null
                ? service(tx, scope).defaultChatServiceRoleSid()
                : request.roleSid(),
            now,
            now);
    store.users().insert(tx, user);
    events.userAdded(tx, scope.origin(), user, generated);
    return user;
  }

  /**
   * The user with {@code identity}, created (with {@code friendlyName}) when there is none yet.
   * Twilio creates the user behind a new chat participant the same way; the web chat orchestration
   * names its guest here.
   */
  public UserRecord findOrCreate(Scope scope, String identity) {
    return store.write(tx -> findOrCreate(tx, scope, identity, null));
  }

  /**
   * {@link #findOrCreate(Scope, String)} inside the caller's transaction, named {@code
   * friendlyName}.
   */
  public UserRecord findOrCreate(Tx tx, Scope scope, String identity, String friendlyName) {
    return store
        .users()
        .findByIdentity(tx, scope.serviceSid(), identity)
        .orElseGet(
            () -> {
              // Just looked up: no second look for a duplicate.
              requireIdentity(identity);
              return insert(tx, scope, new NewUser(identity, friendlyName, null, null));
            });
  }

  /**
   * Creates the user of an identity just generated to be unique (a new visitor's random UUID), so
   * without looking for one that holds it already.
   */
  public UserRecord createUnique(Tx tx, Scope scope, String identity, String friendlyName) {
    return insert(tx, scope, new NewUser(identity, friendlyName, null, null), true);
  }

  public UserRecord find(Scope scope, UserRef ref) {
    return store.read(tx -> find(tx, scope, ref));
  }

  /** The user by SID or identity, or a 404 naming it. */
  public UserRecord find(Tx tx, Scope scope, UserRef ref) {
    return store
        .users()
        .find(tx, scope.serviceSid(), ref.value())
        .orElseThrow(ApiException::notFound);
  }

  public Slice<UserRecord> page(Scope scope, PageRequest page) {
    return store.read(tx -> store.users().page(tx, scope.serviceSid(), page));
  }

  public UserRecord update(Scope scope, UserRef ref, UserChanges changes) {
    if (PreActions.applyTo(scope)) {
      pre.userUpdate(scope, find(scope, ref), changes);
    }
    return store.write(tx -> change(tx, scope, ref, changes));
  }

  /**
   * Changes a user inside a caller's transaction (an agent's profile, a web chat's returning
   * visitor): runs no pre-action, so refuses an SDK change ({@link PreActions#requireNone}).
   */
  public UserRecord update(Tx tx, Scope scope, UserRef ref, UserChanges changes) {
    PreActions.requireNone(scope);
    return change(tx, scope, ref, changes);
  }

  private UserRecord change(Tx tx, Scope scope, UserRef ref, UserChanges changes) {
    UserRecord u = find(tx, scope, ref);
    UserRecord updated =
        new UserRecord(
            u.sid(),
            u.accountSid(),
            u.serviceSid(),
            u.identity(),
            changes.friendlyName() == null ? u.friendlyName() : changes.friendlyName(),
            changes.attributes() == null ? u.attributes() : changes.attributes().json(),
            changes.roleSid() == null ? u.roleSid() : changes.roleSid(),
            u.dateCreated(),
            clock.instant());
    store.users().update(tx, updated);
    events.userUpdated(tx, scope.origin(), updated);
    return updated;
  }

  /**
   * Removes the user. Its participants stay in their conversations: a participant belongs to the
   * conversation, and its identity may get a user again later.
   */
  public void delete(Scope scope, UserRef ref) {
    store.write(
        tx -> {
          UserRecord user = find(tx, scope, ref);
          store.users().delete(tx, user.sid());
          store.broadcasts().send(tx, REMOVED, user.serviceSid() + " " + user.identity());
          return null;
        });
  }

  private ServiceRecord service(Tx tx, Scope scope) {
    return store
        .services()
        .find(tx, scope.accountSid(), scope.serviceSid())
        .orElseThrow(ApiException::notFound);
  }
}
