package dev.parley.agents;

import dev.parley.auth.AccessTokens;
import dev.parley.auth.Authenticator;
import dev.parley.auth.InternalKeys;
import dev.parley.auth.MintedToken;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for logged-in agents, signed with an internal key of the account named {@value
 * #FRIENDLY_NAME} (made on first use, like the Webchat guest key, and never the guest key: the
 * realtime endpoint lets a guest's token reach only its own conversations). Deleting the key
 * through the Keys API invalidates every agent token; the next one gets a new key.
 */
public final class AgentTokens {
  private static final Logger log = LoggerFactory.getLogger(AgentTokens.class);
  public static final String FRIENDLY_NAME = "Parley console agent tokens (internal)";
  public static final Duration LIFETIME = Duration.ofHours(1);

  /** The token and the service it grants, which the console needs to know nothing else. */
  public record AgentToken(String jwt, String identity, String serviceSid, Instant expiresAt) {}

  private final Store store;
  private final InternalKeys internalKeys;
  private final AccessTokens tokens;
  private final Authenticator keys;

  public AgentTokens(
      Store store, InternalKeys internalKeys, AccessTokens tokens, Authenticator keys) {
    this.store = store;
    this.internalKeys = internalKeys;
    this.tokens = tokens;
    this.keys = keys;
  }

  public AgentToken mint(Agent agent) {
    record Signing(String keySid, String serviceSid) {}
    String account = agent.accountSid();
    // Read first: the key exists after the first token, so only that one needs the writer.
    Signing signing =
        store
            .read(
                tx ->
                    current(tx, account)
                        .map(
                            key ->
                                new Signing(
                                    key, AgentService.scope(store, tx, account).serviceSid())))
            .orElseGet(
                () ->
                    store.write(
                        tx ->
                            new Signing(
                                keySid(tx, account),
                                AgentService.scope(store, tx, account).serviceSid())));
    MintedToken token =
        tokens.mint(
            keys.signingKey(signing.keySid())
                .orElseThrow(() -> new IllegalStateException("console key cannot be read")),
            signing.serviceSid(),
            agent.identity(),
            LIFETIME);
    return new AgentToken(token.jwt(), agent.identity(), signing.serviceSid(), token.expiresAt());
  }

  private Optional<String> current(Tx tx, String accountSid) {
    return store
        .agents()
        .consoleKeySid(tx, accountSid)
        .filter(sid -> store.apiKeys().find(tx, accountSid, sid).isPresent());
  }

  private String keySid(Tx tx, String accountSid) {
    Optional<String> current = current(tx, accountSid);
    if (current.isPresent()) {
      return current.get();
    }
    String key = internalKeys.create(tx, accountSid, FRIENDLY_NAME);
    store.agents().setConsoleKeySid(tx, accountSid, key);
    log.info("event=console_key_created key_sid={} account_sid={}", key, accountSid);
    return key;
  }
}
