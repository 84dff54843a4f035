package dev.parley.auth;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.RandomSids;
import dev.parley.ids.SidPrefix;
import dev.parley.store.AccountRecord;
import dev.parley.store.ApiKeyRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys ({@code SK…}) of an account: {@code keySid:secret} authenticates as the account. The
 * secret is stored sealed and shown once, when the key is created. Keys are managed with the auth
 * token of the account or of its owner, never with a key.
 */
public final class ApiKeyService {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
  private final Store store;
  private final Clock clock;
  private final SecretBox box;
  private final RandomSids random;
  private final Authenticator authenticator;

  public ApiKeyService(
      Store store, Clock clock, SecretBox box, RandomSids random, Authenticator authenticator) {
    this.store = store;
    this.clock = clock;
    this.box = box;
    this.random = random;
    this.authenticator = authenticator;
  }

  public NewApiKey create(Principal caller, String accountSid, String friendlyName) {
    Family.requireAuthToken(caller);
    String secret = random.secret(16);
    Instant now = clock.instant();
    ApiKeyRecord key =
        new ApiKeyRecord(
            random.next(SidPrefix.API_KEY), accountSid, friendlyName, box.seal(secret), now, now);
    store.write(
        tx -> {
          AccountRecord account = Family.reachable(store, tx, caller, accountSid);
          if (AccountStatus.fromWire(account.status()) == AccountStatus.CLOSED) {
            throw new ApiException(
                TwilioError.FORBIDDEN,
                "account " + accountSid + " is closed and cannot be changed");
          }
          store.apiKeys().insert(tx, key);
          return null;
        });
    // An unknown SID may have been cached as "no such user" before it existed.
    authenticator.forget(key.sid());
    log.info("event=api_key_created key_sid={} account_sid={}", key.sid(), accountSid);
    return new NewApiKey(key, secret);
  }

  public ApiKeyRecord find(Principal caller, String accountSid, String sid) {
    Family.requireAuthToken(caller);
    return store.read(tx -> reachable(tx, caller, accountSid, sid));
  }

  public Slice<ApiKeyRecord> page(Principal caller, String accountSid, PageRequest page) {
    Family.requireAuthToken(caller);
    return store.read(
        tx -> {
          Family.reachable(store, tx, caller, accountSid);
          return store.apiKeys().page(tx, accountSid, page);
        });
  }

  public ApiKeyRecord update(Principal caller, String accountSid, String sid, String friendlyName) {
    Family.requireAuthToken(caller);
    return store.write(
        tx -> {
          ApiKeyRecord key = reachable(tx, caller, accountSid, sid);
          if (friendlyName == null) {
            return key;
          }
          ApiKeyRecord changed =
              new ApiKeyRecord(
                  key.sid(),
                  key.accountSid(),
                  friendlyName,
                  key.secret(),
                  key.dateCreated(),
                  clock.instant());
          store.apiKeys().update(tx, changed);
          return changed;
        });
  }

  /** Deletes a key; it stops authenticating as soon as this returns. */
  public void delete(Principal caller, String accountSid, String sid) {
    Family.requireAuthToken(caller);
    store.write(
        tx -> {
          reachable(tx, caller, accountSid, sid);
          store.apiKeys().delete(tx, sid);
          // Other nodes, and the realtime connections its tokens opened, hear of it too.
          authenticator.revoked(tx, sid);
          return null;
        });
    authenticator.forget(sid);
    log.info("event=api_key_deleted key_sid={} account_sid={}", sid, accountSid);
  }

  private ApiKeyRecord reachable(Tx tx, Principal caller, String accountSid, String sid) {
    Family.reachable(store, tx, caller, accountSid);
    return store.apiKeys().find(tx, accountSid, sid).orElseThrow(ApiException::notFound);
  }
}
