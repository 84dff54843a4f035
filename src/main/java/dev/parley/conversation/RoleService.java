package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.PageRequest;
import dev.parley.store.RoleRecord;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Roles of a Conversation Service: what its users and participants may do. */
public final class RoleService {
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;

  public RoleService(Store store, Clock clock, SidGenerator sids) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
  }

  public RoleRecord create(Scope scope, NewRole request) {
    List<String> permissions = Permissions.check(request.type(), request.permissions());
    Instant now = clock.instant();
    RoleRecord role =
        new RoleRecord(
            sids.next(SidPrefix.ROLE),
            scope.accountSid(),
            scope.serviceSid(),
            request.friendlyName(),
            request.type().wire(),
            JsonLists.write(permissions),
            now,
            now);
    return store.write(
        tx -> {
          store.roles().insert(tx, role);
          return role;
        });
  }

  public RoleRecord find(Scope scope, String sid) {
    return store.read(tx -> find(tx, scope, sid));
  }

  /** The role of the scope's service, or a 404 naming it. */
  public RoleRecord find(Tx tx, Scope scope, String sid) {
    return store
        .roles()
        .find(tx, scope.serviceSid(), sid)
        .filter(r -> r.accountSid().equals(scope.accountSid()))
        .orElseThrow(ApiException::notFound);
  }

  public Slice<RoleRecord> page(Scope scope, PageRequest page) {
    return store.read(tx -> store.roles().page(tx, scope.serviceSid(), page));
  }

  /** Replaces the role's permissions (Twilio: "the update action replaces all"). */
  public RoleRecord update(Scope scope, String sid, List<String> permissions) {
    return store.write(
        tx -> {
          RoleRecord current = find(tx, scope, sid);
          List<String> checked = Permissions.check(RoleType.fromWire(current.type()), permissions);
          RoleRecord updated =
              new RoleRecord(
                  current.sid(),
                  current.accountSid(),
                  current.serviceSid(),
                  current.friendlyName(),
                  current.type(),
                  JsonLists.write(checked),
                  current.dateCreated(),
                  clock.instant());
          store.roles().update(tx, updated);
          return updated;
        });
  }

  /** Deletes a role; 409 while the service names it as one of its defaults. */
  public void delete(Scope scope, String sid) {
    store.write(
        tx -> {
          RoleRecord role = find(tx, scope, sid);
          ServiceRecord service =
              store.services().find(tx, scope.accountSid(), scope.serviceSid()).orElseThrow();
          if (List.of(
                  nullToEmpty(service.defaultConversationCreatorRoleSid()),
                  nullToEmpty(service.defaultConversationRoleSid()),
                  nullToEmpty(service.defaultChatServiceRoleSid()))
              .contains(role.sid())) {
            throw new ApiException(TwilioError.ROLE_IS_DEFAULT, role.sid(), service.sid());
          }
          store.roles().delete(tx, role.sid());
          return null;
        });
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
