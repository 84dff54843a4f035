package dev.parley.agents;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.RandomSids;
import dev.parley.store.AgentRecord;
import dev.parley.store.ConsoleSessionRecord;
import dev.parley.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console log-ins, kept server-side so that a log-out or a password change ends them at once. The
 * cookie's token has 256 random bits and is stored as its SHA-256 only; each session also has a
 * random CSRF token that every change must send back in a header.
 */
public final class ConsoleSessions {
  private static final Logger log = LoggerFactory.getLogger(ConsoleSessions.class);
  public static final Duration LIFETIME = Duration.ofHours(12);

  /** Keys the log-in throttle keeps per map: ~100 bytes each, so about a megabyte at most. */
  private static final int THROTTLE_ENTRIES = 10_000;

  private final Store store;
  private final Clock clock;
  private final RandomSids random;
  private final LoginThrottle throttle;

  public ConsoleSessions(Store store, Clock clock, RandomSids random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.throttle = new LoginThrottle(clock, THROTTLE_ENTRIES);
  }

  /**
   * Whether {@code address} may try to log in to {@code identity} of {@code accountSid} now: 0 when
   * it may, else the seconds to wait ({@link LoginThrottle}). Ask before every {@link #login}.
   */
  public long admit(String address, String accountSid, String identity) {
    return throttle.admit(address, accountSid, identity);
  }

  /**
   * A new session for the agent with {@code identity} in {@code accountSid} whose password is
   * {@code password}; 401 otherwise, the same answer and about the same time whether the identity
   * or the password was wrong. Without an account the identity must be one agent's on the whole
   * server: when several accounts have it the answer is the same 401 after the same single password
   * check, so that nobody learns which identities exist, or in how many accounts.
   */
  public LoggedIn login(String address, String accountSid, String identity, String password) {
    List<AgentRecord> candidates =
        store.read(tx -> store.agents().withIdentity(tx, identity)).stream()
            .filter(a -> accountSid == null || a.accountSid().equals(accountSid))
            .toList();
    if (candidates.size() != 1) {
      PasswordHash.burn(password);
      throw new ApiException(TwilioError.LOGIN_FAILED);
    }
    AgentRecord agent = candidates.get(0);
    if (!PasswordHash.verify(password, agent.passwordHash())) {
      log.info("event=console_login_failed agent_sid={}", agent.sid());
      throw new ApiException(TwilioError.LOGIN_FAILED);
    }
    throttle.succeeded(address, accountSid, identity);
    String token = random.secret(32);
    Instant now = clock.instant();
    ConsoleSessionRecord session =
        new ConsoleSessionRecord(
            hash(token), agent.sid(), random.secret(32), now, now.plus(LIFETIME));
    store.write(
        tx -> {
          store.consoleSessions().deleteExpired(tx, now);
          store.consoleSessions().insert(tx, session);
          return null;
        });
    log.info("event=console_login agent_sid={} account_sid={}", agent.sid(), agent.accountSid());
    return new LoggedIn(token, view(agent, session));
  }

  /** The live session of the cookie token {@code token}; 401 when there is none (or it expired). */
  public ConsoleSession current(String token) {
    if (token == null || token.isEmpty()) {
      throw new ApiException(TwilioError.CONSOLE_SESSION_MISSING);
    }
    Instant now = clock.instant();
    return store
        .read(
            tx ->
                store
                    .consoleSessions()
                    .find(tx, hash(token))
                    .filter(s -> now.isBefore(s.dateExpires()))
                    .flatMap(s -> store.agents().bySid(tx, s.agentSid()).map(a -> view(a, s))))
        .orElseThrow(() -> new ApiException(TwilioError.CONSOLE_SESSION_MISSING));
  }

  /** Ends the session of {@code token}, if it still exists. */
  public void logout(String token) {
    Optional.ofNullable(token)
        .ifPresent(
            t ->
                store.write(
                    tx -> {
                      store.consoleSessions().delete(tx, hash(t));
                      return null;
                    }));
  }

  private static ConsoleSession view(AgentRecord agent, ConsoleSessionRecord session) {
    return new ConsoleSession(AgentService.view(agent), session.csrfToken(), session.dateExpires());
  }

  /** SHA-256 is enough: the token has 256 random bits, so there is nothing to brute-force. */
  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
