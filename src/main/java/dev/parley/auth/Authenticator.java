package dev.parley.auth;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidPrefix;
import dev.parley.store.AccountRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Checks HTTP Basic credentials the way Twilio does: {@code AccountSid:AuthToken} or {@code
 * ApiKeySid:ApiKeySecret}, both acting as the account. Opened secrets are cached per credential so
 * that a request costs a map lookup and a constant-time comparison; {@link #forget} drops one when
 * it changes, {@link #forgetAccount} all of an account's.
 */
public final class Authenticator {
  /**
   * The broadcast channel of revoked credentials: the SID of a deleted API key, or of an account
   * whose status changed. Every node forgets it and tells its {@link #onRevoked} listeners.
   */
  static final String REVOKED = "parley_revoked";

  private final Store store;
  private final SecretBox box;
  private final Map<String, Credential> cache = new ConcurrentHashMap<>();
  private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();

  /**
   * Bumped by {@link #forgetAccount}. A credential loaded under an older epoch may hold an account
   * status read before the change committed (its load raced the change), so it is loaded again.
   */
  private final AtomicLong epoch = new AtomicLong();

  /** {@code status} is the status of the account the credential acts as. */
  private record Credential(String accountSid, byte[] secret, AccountStatus status, long epoch) {}

  public Authenticator(Store store, SecretBox box) {
    this.store = store;
    this.box = box;
    store.broadcasts().listen(REVOKED, this::heardRevoked);
    // A revocation sent while this node was not listening is lost: read every credential again.
    store.broadcasts().whenMissed(this::forgetAll);
  }

  /**
   * Tells every node, once {@code tx} commits, that credential {@code sid} (an API key deleted, an
   * account whose status changed) must be read again: each forgets it, so it stops authenticating
   * there too, and its {@link #onRevoked} listeners re-check what relied on it.
   */
  void revoked(Tx tx, String sid) {
    store.broadcasts().send(tx, REVOKED, sid);
  }

  /**
   * Hears the SID of each revoked credential (API key or account), on every node, after it was
   * forgotten. Must be quick: it runs on the store's broadcast thread.
   */
  public void onRevoked(Consumer<String> listener) {
    revocationListeners.add(listener);
  }

  private void heardRevoked(String sid) {
    if (SidPrefix.ACCOUNT.matches(sid)) {
      forgetAccount(sid);
    } else {
      forget(sid);
    }
    revocationListeners.forEach(listener -> listener.accept(sid));
  }

  /** The principal when the cache already knows this user, without touching the store. */
  public Optional<Principal> cached(String user, String password) {
    Credential credential = cache.get(user);
    return credential == null || credential.epoch() < epoch.get()
        ? Optional.empty()
        : check(user, credential, password);
  }

  /**
   * The principal for these credentials, reading the store when needed. Blocking. Empty when they
   * are wrong or the account is closed; throws 20403 when they are right but the account is
   * suspended, so that only a holder of the secret learns why.
   */
  public Optional<Principal> authenticate(String user, String password) {
    Credential credential =
        cache.compute(
            user,
            (key, known) -> known != null && known.epoch() >= epoch.get() ? known : load(key));
    return credential == null ? Optional.empty() : check(user, credential, password);
  }

  /**
   * The account and opened secret of API key {@code keySid}, for checking the signature of an
   * access token it signed; from the same cache as Basic credentials, so a deleted key stops
   * verifying as soon as it stops authenticating. Blocking. Empty when the key is unknown or its
   * account closed; 20403 when the account is suspended.
   */
  public Optional<SigningKey> signingKey(String keySid) {
    if (!SidPrefix.API_KEY.matches(keySid)) {
      return Optional.empty();
    }
    Credential credential =
        cache.compute(
            keySid,
            (key, known) -> known != null && known.epoch() >= epoch.get() ? known : load(key));
    if (credential == null || credential.status() == AccountStatus.CLOSED) {
      return Optional.empty();
    }
    if (credential.status() == AccountStatus.SUSPENDED) {
      throw new ApiException(
          TwilioError.FORBIDDEN, "account " + credential.accountSid() + " is suspended");
    }
    return Optional.of(new SigningKey(keySid, credential.accountSid(), credential.secret()));
  }

  /**
   * Loads the credentials of {@code accountSid} into the cache ahead of its first request, so that
   * request does not pay for the store read and for opening the sealed token (the first use of the
   * JCE costs tens of milliseconds).
   */
  public void preload(String accountSid) {
    cache.computeIfAbsent(accountSid, this::load);
  }

  public void forget(String credentialSid) {
    cache.remove(credentialSid);
  }

  /**
   * Makes the auth token and API keys of an account be read again, e.g. after its status changed.
   * Call it after the change has committed.
   */
  public void forgetAccount(String accountSid) {
    epoch.incrementAndGet();
    cache.values().removeIf(credential -> accountSid.equals(credential.accountSid()));
  }

  private void forgetAll() {
    epoch.incrementAndGet();
    cache.clear();
  }

  private Optional<Principal> check(String user, Credential credential, String password) {
    boolean matches =
        MessageDigest.isEqual(credential.secret(), password.getBytes(StandardCharsets.UTF_8));
    if (!matches || credential.status() == AccountStatus.CLOSED) {
      return Optional.empty();
    }
    if (credential.status() == AccountStatus.SUSPENDED) {
      throw new ApiException(
          TwilioError.FORBIDDEN, "account " + credential.accountSid() + " is suspended");
    }
    return Optional.of(new Principal(credential.accountSid(), user));
  }

  private Credential load(String user) {
    long loadedAt = epoch.get();
    Optional<Credential> found = Optional.empty();
    if (SidPrefix.ACCOUNT.matches(user)) {
      found =
          store
              .read(tx -> store.accounts().find(tx, user))
              .map(account -> credential(account, account.authToken(), loadedAt));
    } else if (SidPrefix.API_KEY.matches(user)) {
      found =
          store.read(
              tx ->
                  store
                      .apiKeys()
                      .find(tx, user)
                      .flatMap(
                          key ->
                              store
                                  .accounts()
                                  .find(tx, key.accountSid())
                                  .map(account -> credential(account, key.secret(), loadedAt))));
    }
    // Unknown users are not cached (null leaves no entry): a guesser costs one key lookup per
    // request but cannot grow the cache without bound.
    return found.orElse(null);
  }

  private Credential credential(AccountRecord account, String sealedSecret, long loadedAt) {
    return new Credential(
        account.sid(),
        box.open(sealedSecret).getBytes(StandardCharsets.UTF_8),
        AccountStatus.fromWire(account.status()),
        loadedAt);
  }
}
