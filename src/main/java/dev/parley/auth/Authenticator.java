package dev.parley.auth;

import dev.parley.ids.SidPrefix;
import dev.parley.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic credentials the way Twilio does: {@code AccountSid:AuthToken} or {@code
 * ApiKeySid:ApiKeySecret}. Opened secrets are cached per credential so that a request costs a map
 * lookup and a constant-time comparison; {@link #forget} drops one when it changes.
 */
public final class Authenticator {
  private final Store store;
  private final SecretBox box;
  private final Map<String, Credential> cache = new ConcurrentHashMap<>();

  private record Credential(String accountSid, byte[] secret, boolean active) {}

  public Authenticator(Store store, SecretBox box) {
    this.store = store;
    this.box = box;
  }

  /** The principal when the cache already knows this user, without touching the store. */
  public Optional<Principal> cached(String user, String password) {
    Credential credential = cache.get(user);
    return credential == null ? Optional.empty() : check(user, credential, password);
  }

  /** The principal for these credentials, reading the store when needed. Blocking. */
  public Optional<Principal> authenticate(String user, String password) {
    Credential credential = cache.computeIfAbsent(user, this::load);
    return check(user, credential, password);
  }

  public void forget(String credentialSid) {
    cache.remove(credentialSid);
  }

  private Optional<Principal> check(String user, Credential credential, String password) {
    boolean matches =
        credential.active()
            && MessageDigest.isEqual(
                credential.secret(), password.getBytes(StandardCharsets.UTF_8));
    return matches ? Optional.of(new Principal(credential.accountSid(), user)) : Optional.empty();
  }

  private Credential load(String user) {
    Optional<Credential> found = Optional.empty();
    if (SidPrefix.ACCOUNT.matches(user)) {
      found =
          store
              .read(tx -> store.accounts().find(tx, user))
              .map(
                  account ->
                      new Credential(
                          account.sid(),
                          box.open(account.authToken()).getBytes(StandardCharsets.UTF_8),
                          "active".equals(account.status())));
    }
    // Unknown users are cached too, as inactive, so guessing costs no store read; creating a
    // credential calls forget().
    return found.orElse(new Credential(null, new byte[0], false));
  }
}
