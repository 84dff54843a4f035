package dev.parley.agents;

import dev.parley.conversation.Scope;
import dev.parley.conversation.UserChanges;
import dev.parley.conversation.UserService;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ServiceSid;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.ids.UserRef;
import dev.parley.store.AgentRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import dev.parley.store.WebchatDeploymentStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console agents of an account. Each is also a Conversations user of the account's default service
 * with the same identity and its display name as friendly name, so the visitor's widget names it.
 * Passwords are hashed before the write transaction opens: Argon2 takes tens of milliseconds, which
 * the single SQLite writer should not wait for.
 */
public final class AgentService {
  private static final Logger log = LoggerFactory.getLogger(AgentService.class);
  public static final int MAX_FRIENDLY_NAME = 64;

  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final UserService users;

  public AgentService(Store store, Clock clock, SidGenerator sids, UserService users) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.users = users;
  }

  public Agent create(AccountSid account, NewAgent request) {
    requireIdentity(request.identity());
    requireName(request.friendlyName());
    PasswordHash.requireAcceptable("Password", request.password());
    Instant now = clock.instant();
    AgentRecord agent =
        new AgentRecord(
            sids.next(SidPrefix.AGENT),
            account.value(),
            request.identity(),
            request.friendlyName(),
            PasswordHash.hash(request.password()),
            now,
            now);
    store.write(
        tx -> {
          if (store.agents().find(tx, account.value(), agent.identity()).isPresent()) {
            throw new ApiException(TwilioError.AGENT_EXISTS, agent.identity());
          }
          if (agent.identity().startsWith(WebchatDeploymentStore.VERIFIED_IDENTITY_PREFIX)) {
            throw ApiException.invalid("Identity", "is reserved for verified Webchat visitors");
          }
          if (store.webchatDeployments().isGuest(tx, account.value(), agent.identity())) {
            throw ApiException.invalid("Identity", "is a Webchat visitor's identity");
          }
          store.agents().insert(tx, agent);
          nameUser(tx, agent);
          return null;
        });
    log.info("event=agent_created sid={} account_sid={}", agent.sid(), account);
    return view(agent);
  }

  public Agent find(AccountSid account, String sidOrIdentity) {
    return view(store.read(tx -> existing(tx, account, sidOrIdentity)));
  }

  public Slice<Agent> page(AccountSid account, PageRequest page) {
    return store.read(tx -> store.agents().page(tx, account.value(), page)).map(AgentService::view);
  }

  public Agent update(AccountSid account, String sidOrIdentity, AgentChanges changes) {
    if (changes.friendlyName() != null) {
      requireName(changes.friendlyName());
    }
    if (changes.password() != null) {
      PasswordHash.requireAcceptable("Password", changes.password());
    }
    String hash = changes.password() == null ? null : PasswordHash.hash(changes.password());
    AgentRecord updated =
        store.write(
            tx -> {
              AgentRecord old = existing(tx, account, sidOrIdentity);
              AgentRecord agent =
                  new AgentRecord(
                      old.sid(),
                      old.accountSid(),
                      old.identity(),
                      changes.friendlyName() == null ? old.friendlyName() : changes.friendlyName(),
                      hash == null ? old.passwordHash() : hash,
                      old.dateCreated(),
                      clock.instant());
              store.agents().update(tx, agent);
              if (hash != null) {
                store.consoleSessions().deleteOfAgent(tx, agent.sid());
              }
              if (!agent.friendlyName().equals(old.friendlyName())) {
                nameUser(tx, agent);
              }
              return agent;
            });
    log.info(
        "event=agent_updated sid={} account_sid={} password_changed={}",
        updated.sid(),
        account,
        hash != null);
    return view(updated);
  }

  /** Ends the agent's sessions and removes it; its user and participants stay, as Twilio's do. */
  public void delete(AccountSid account, String sidOrIdentity) {
    String sid =
        store.write(
            tx -> {
              AgentRecord agent = existing(tx, account, sidOrIdentity);
              store.consoleSessions().deleteOfAgent(tx, agent.sid());
              store.agents().delete(tx, agent.sid());
              return agent.sid();
            });
    log.info("event=agent_deleted sid={} account_sid={}", sid, account);
  }

  /** The account's default Conversation Service, where agents are users. */
  static Scope scope(Store store, Tx tx, String accountSid) {
    String service =
        store
            .accounts()
            .configuration(tx, accountSid)
            .orElseThrow(() -> new IllegalStateException("account has no configuration"))
            .defaultChatServiceSid();
    return new Scope(AccountSid.of(accountSid), ServiceSid.of(service));
  }

  private void nameUser(Tx tx, AgentRecord agent) {
    Scope scope = scope(store, tx, agent.accountSid());
    UserRecord user = users.findOrCreate(tx, scope, agent.identity(), agent.friendlyName());
    if (!agent.friendlyName().equals(user.friendlyName())) {
      users.update(
          tx,
          scope,
          new UserRef.Identity(agent.identity()),
          new UserChanges(agent.friendlyName(), null, null));
    }
  }

  private AgentRecord existing(Tx tx, AccountSid account, String sidOrIdentity) {
    return store
        .agents()
        .find(tx, account.value(), sidOrIdentity)
        .orElseThrow(ApiException::notFound);
  }

  private static void requireIdentity(String identity) {
    if (identity == null || identity.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Identity");
    }
    if (identity.length() > UserService.MAX_IDENTITY || identity.isBlank()) {
      throw ApiException.invalid(
          "Identity", "must be 1 to " + UserService.MAX_IDENTITY + " characters, not all blank");
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "FriendlyName");
    }
    if (name.length() > MAX_FRIENDLY_NAME) {
      throw ApiException.invalid(
          "FriendlyName", "must be at most " + MAX_FRIENDLY_NAME + " characters");
    }
  }

  static Agent view(AgentRecord r) {
    return new Agent(
        r.sid(), r.accountSid(), r.identity(), r.friendlyName(), r.dateCreated(), r.dateUpdated());
  }
}
