package dev.parley.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.auth.SecretBox;
import dev.parley.conversation.AddressConfigurations;
import dev.parley.conversation.Changes;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.AccountSid;
import dev.parley.ids.RandomSids;
import dev.parley.ids.SidPrefix;
import dev.parley.json.Json;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.WebchatDeploymentRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webchat 3 deployment keys: the public value a widget sends instead of account credentials, mapped
 * to a chat address. The key is stored as its SHA-256 (to find it) and sealed under the master key
 * (to show it again), so the database alone does not reveal it.
 */
public final class WebchatDeployments {
  private static final Logger log = LoggerFactory.getLogger(WebchatDeployments.class);
  private static final ObjectMapper JSON = Json.MAPPER;
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
  public static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(1);

  private final Store store;
  private final Clock clock;
  private final RandomSids random;
  private final SecretBox box;
  private final AddressConfigurations addresses;

  public WebchatDeployments(
      Store store, Clock clock, RandomSids random, SecretBox box, AddressConfigurations addresses) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.box = box;
    this.addresses = addresses;
  }

  public WebchatDeployment create(AccountSid account, DeploymentRequest request) {
    return store.write(tx -> create(tx, account, request));
  }

  /** Creates the deployment inside a caller's transaction (the first start's bootstrap). */
  public WebchatDeployment create(Tx tx, AccountSid account, DeploymentRequest request) {
    String key = random.secret(16);
    Instant now = clock.instant();
    WebchatDeploymentRecord record =
        new WebchatDeploymentRecord(
            random.next(SidPrefix.WEBCHAT_DEPLOYMENT),
            account.value(),
            request.friendlyName(),
            request.addressSid(),
            hash(key),
            box.seal(key),
            json(request.allowedOrigins() == null ? AllowedOrigins.ANY : request.allowedOrigins()),
            seconds(request.tokenTtl() == null ? DEFAULT_TOKEN_TTL : request.tokenTtl()),
            Appearance.NONE.with(request.appearance(), request.fieldsGiven()).json(),
            now,
            now);
    requireChatAddress(tx, account, record.addressSid());
    store.webchatDeployments().insert(tx, record);
    tx.afterCommit(
        () ->
            log.info(
                "event=webchat_deployment_created sid={} account_sid={}", record.sid(), account));
    return view(record);
  }

  public WebchatDeployment find(AccountSid account, String sid) {
    return view(store.read(tx -> existing(tx, account, sid)));
  }

  public Slice<WebchatDeployment> page(AccountSid account, PageRequest page) {
    return store
        .read(tx -> store.webchatDeployments().page(tx, account.value(), page))
        .map(this::view);
  }

  /** Applies the changes; a rotation makes the old key fail from the next request on. */
  public WebchatDeployment update(AccountSid account, String sid, DeploymentRequest changes) {
    String newKey = changes.rotateKey() ? random.secret(16) : null;
    WebchatDeploymentRecord updated =
        store.write(
            tx -> {
              WebchatDeploymentRecord old = existing(tx, account, sid);
              if (changes.addressSid() != null) {
                requireChatAddress(tx, account, changes.addressSid());
              }
              WebchatDeploymentRecord record =
                  new WebchatDeploymentRecord(
                      old.sid(),
                      old.accountSid(),
                      Changes.or(changes.friendlyName(), old.friendlyName()),
                      Changes.or(changes.addressSid(), old.addressSid()),
                      newKey == null ? old.keyHash() : hash(newKey),
                      newKey == null ? old.keySealed() : box.seal(newKey),
                      changes.allowedOrigins() == null
                          ? old.allowedOrigins()
                          : json(changes.allowedOrigins()),
                      changes.tokenTtl() == null ? old.tokenTtl() : seconds(changes.tokenTtl()),
                      Appearance.parse(old.appearance())
                          .with(changes.appearance(), changes.fieldsGiven())
                          .json(),
                      old.dateCreated(),
                      clock.instant());
              store.webchatDeployments().update(tx, record);
              return record;
            });
    if (newKey != null) {
      log.info("event=webchat_deployment_key_rotated sid={} account_sid={}", sid, account);
    }
    return view(updated);
  }

  public void delete(AccountSid account, String sid) {
    store.write(
        tx -> {
          existing(tx, account, sid);
          store.webchatDeployments().delete(tx, sid);
          return null;
        });
    log.info("event=webchat_deployment_deleted sid={} account_sid={}", sid, account);
  }

  /**
   * The deployment of {@code key} when a request from {@code origin} (the {@code Origin} header,
   * null when absent) may use it. Blocking. 401/20003 for an unknown key, 403/20403 for an origin
   * the deployment does not allow.
   */
  public WebchatDeployment admit(String key, String origin) {
    WebchatDeployment deployment =
        store
            .read(tx -> store.webchatDeployments().findByKeyHash(tx, hash(key)))
            .map(this::view)
            .orElseThrow(() -> new ApiException(TwilioError.DEPLOYMENT_KEY_INVALID));
    if (!deployment.allowedOrigins().allows(origin)) {
      throw new ApiException(TwilioError.ORIGIN_NOT_ALLOWED, origin == null ? "(none)" : origin);
    }
    return deployment;
  }

  private WebchatDeploymentRecord existing(Tx tx, AccountSid account, String sid) {
    return store
        .webchatDeployments()
        .find(tx, account.value(), sid)
        .orElseThrow(ApiException::notFound);
  }

  private void requireChatAddress(Tx tx, AccountSid account, String addressSid) {
    var address =
        addresses
            .resolve(tx, account, addressSid)
            .orElseThrow(() -> new ApiException(TwilioError.ADDRESS_NOT_FOUND, addressSid));
    if (!"chat".equalsIgnoreCase(address.type())) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER,
          "AddressSid " + addressSid + " is a " + address.type() + " address, not a chat address");
    }
  }

  private WebchatDeployment view(WebchatDeploymentRecord record) {
    try {
      List<String> origins = JSON.readValue(record.allowedOrigins(), new TypeReference<>() {});
      return new WebchatDeployment(
          record.sid(),
          record.accountSid(),
          record.friendlyName(),
          record.addressSid(),
          box.open(record.keySealed()),
          new AllowedOrigins(origins),
          Duration.ofSeconds(record.tokenTtl()),
          Appearance.parse(record.appearance()),
          record.dateCreated(),
          record.dateUpdated());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored allowed origins are not JSON", e);
    }
  }

  private static String json(AllowedOrigins origins) {
    try {
      return JSON.writeValueAsString(origins.origins());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int seconds(Duration ttl) {
    return Math.toIntExact(ttl.toSeconds());
  }

  /** SHA-256 is enough: a key has 128 random bits, so there is nothing to brute-force. */
  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
