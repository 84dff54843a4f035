package dev.parley.auth;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.RandomSids;
import dev.parley.ids.SidPrefix;
import dev.parley.store.AccountFilter;
import dev.parley.store.AccountRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sub-accounts: creating them with sealed auth tokens and their Conversations
 * defaults, reading them within the caller's family, renaming, suspending and closing them.
 */
public final class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);
  // Twilio's default: "SubAccount Created at {YYYY-MM-DD HH:MM meridian}".
  private static final DateTimeFormatter DEFAULT_NAME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd hh:mm a", Locale.US).withZone(ZoneOffset.UTC);

  private final Store store;
  private final Clock clock;
  private final SecretBox box;
  private final RandomSids random;
  private final AccountSetup setup;
  private final Authenticator authenticator;

  public AccountService(
      Store store,
      Clock clock,
      SecretBox box,
      RandomSids random,
      AccountSetup setup,
      Authenticator authenticator) {
    this.store = store;
    this.clock = clock;
    this.box = box;
    this.random = random;
    this.setup = setup;
    this.authenticator = authenticator;
  }

  /**
   * Inserts an active account in {@code tx} with its Conversations defaults; the auth token is
   * stored sealed. The one way every account (bootstrapped or sub-account) comes to exist.
   */
  public AccountRecord create(
      Tx tx, String sid, String ownerAccountSid, String friendlyName, String authToken) {
    Instant now = clock.instant();
    AccountRecord account =
        new AccountRecord(
            sid,
            ownerAccountSid,
            friendlyName,
            AccountStatus.ACTIVE.wire(),
            box.seal(authToken),
            now,
            now);
    store.accounts().insert(tx, account);
    setup.prepare(tx, sid);
    return account;
  }

  /** Creates a sub-account of the caller, which must be a main account using its auth token. */
  public AccountRecord createSubaccount(Principal caller, String friendlyName) {
    Family.requireAuthToken(caller);
    String sid = random.next(SidPrefix.ACCOUNT);
    String name =
        friendlyName != null
            ? friendlyName
            : "SubAccount Created at "
                + DEFAULT_NAME.format(clock.instant()).toLowerCase(Locale.ROOT);
    AccountRecord created =
        store.write(
            tx -> {
              AccountRecord owner = Family.reachable(store, tx, caller, caller.accountSid());
              if (owner.ownerAccountSid() != null) {
                throw new ApiException(
                    TwilioError.FORBIDDEN,
                    "a subaccount cannot create subaccounts; use the main account's credentials");
              }
              return create(tx, sid, owner.sid(), name, random.secret(16));
            });
    // An unknown SID may have been cached as "no such user" before it existed.
    authenticator.forget(sid);
    log.info(
        "event=subaccount_created account_sid={} owner_account_sid={}", sid, caller.accountSid());
    return created;
  }

  /** The caller's own account or one of its sub-accounts; 404 for any other. */
  public AccountRecord find(Principal caller, String sid) {
    Family.requireAuthToken(caller);
    return store.read(tx -> Family.reachable(store, tx, caller, sid));
  }

  /** The caller's account followed by its sub-accounts, filtered. */
  public Slice<AccountRecord> page(Principal caller, AccountFilter filter, PageRequest page) {
    Family.requireAuthToken(caller);
    return store.read(tx -> store.accounts().pageFamily(tx, caller.accountSid(), filter, page));
  }

  /**
   * Renames an account or changes its status. Only the owner changes a sub-account's status
   * (Twilio: "You must use your main account's authentication credentials to suspend a subaccount.
   * Also, you cannot suspend your main account."); a closed account is final.
   */
  public AccountRecord update(
      Principal caller, String sid, String friendlyName, AccountStatus status) {
    Family.requireAuthToken(caller);
    Change change =
        store.write(
            tx -> {
              AccountRecord target = Family.reachable(store, tx, caller, sid);
              AccountStatus current = AccountStatus.fromWire(target.status());
              boolean statusChanges = status != null && status != current;
              if (current == AccountStatus.CLOSED && (statusChanges || friendlyName != null)) {
                throw new ApiException(
                    TwilioError.FORBIDDEN, "account " + sid + " is closed and cannot be changed");
              }
              if (statusChanges && target.ownerAccountSid() == null) {
                throw new ApiException(
                    TwilioError.FORBIDDEN, "the status of a main account cannot be changed");
              }
              if (statusChanges && !caller.accountSid().equals(target.ownerAccountSid())) {
                throw new ApiException(
                    TwilioError.FORBIDDEN,
                    "only the owner account may change the status of subaccount " + sid);
              }
              if (!statusChanges && friendlyName == null) {
                return new Change(target, target);
              }
              AccountRecord changed =
                  new AccountRecord(
                      target.sid(),
                      target.ownerAccountSid(),
                      friendlyName != null ? friendlyName : target.friendlyName(),
                      statusChanges ? status.wire() : target.status(),
                      target.authToken(),
                      target.dateCreated(),
                      clock.instant());
              store.accounts().update(tx, changed);
              if (statusChanges) {
                // Other nodes, and the realtime connections of its tokens, hear of it too.
                authenticator.revoked(tx, sid);
              }
              return new Change(target, changed);
            });
    if (!change.after().status().equals(change.before().status())) {
      // The account's own token and all its keys must stop (or start) working at once.
      authenticator.forgetAccount(sid);
      log.info(
          "event=account_status_changed account_sid={} from={} to={}",
          sid,
          change.before().status(),
          change.after().status());
    }
    return change.after();
  }

  private record Change(AccountRecord before, AccountRecord after) {}

  /** An account for the operator (no caller checks): {@code ./parley token}. */
  public AccountRecord find(String sid) {
    return store
        .read(tx -> store.accounts().find(tx, sid))
        .orElseThrow(
            () -> new ApiException(TwilioError.NOT_FOUND, "/2010-04-01/Accounts/" + sid + ".json"));
  }

  /** The plain auth token of an account (to sign webhooks, or to show its owner). */
  public String authToken(AccountRecord account) {
    return box.open(account.authToken());
  }
}
