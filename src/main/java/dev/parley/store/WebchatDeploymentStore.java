package dev.parley.store;

import java.util.Optional;

/**
 * Webchat 3 deployments of an account, the internal key that signs its guest tokens and the
 * identities it gave its guests.
 */
public interface WebchatDeploymentStore {
  /**
   * What a verified visitor's identity starts with (docs/verified-visitors.md): Parley's random
   * guest identities and agents' identities never do, so a site's signed identity cannot become
   * either.
   */
  String VERIFIED_IDENTITY_PREFIX = "verified:";

  void insert(Tx tx, WebchatDeploymentRecord deployment);

  Optional<WebchatDeploymentRecord> find(Tx tx, String accountSid, String sid);

  /** The deployment whose key hashes to {@code keyHash}, whatever its account (the public API). */
  Optional<WebchatDeploymentRecord> findByKeyHash(Tx tx, String keyHash);

  Slice<WebchatDeploymentRecord> page(Tx tx, String accountSid, PageRequest page);

  void update(Tx tx, WebchatDeploymentRecord deployment);

  void delete(Tx tx, String sid);

  /** The SID of the API key that signs the account's guest tokens, once one was made. */
  Optional<String> guestKeySid(Tx tx, String accountSid);

  void setGuestKeySid(Tx tx, String accountSid, String keySid);

  /** Whether {@code identity} was given to a Webchat guest of the account. */
  boolean isGuest(Tx tx, String accountSid, String identity);

  /** Records {@code identity} as a Webchat guest of the account (again is a no-op). */
  void addGuest(Tx tx, String accountSid, String identity);
}
