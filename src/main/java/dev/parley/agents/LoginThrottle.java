package dev.parley.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential back-off for console log-ins (OWASP authentication cheat sheet, "login throttling"),
 * counted per (client address, account, identity) and per client address. After {@value
 * #FREE_PER_LOGIN} failures of one log-in from one address (or {@value #FREE_PER_ADDRESS} of any
 * log-ins from it), each further try waits 1 s, 2 s, 4 s … up to {@link #MAX_WAIT} after the last.
 *
 * <p>Every key holds the address, so failures from one address never delay a log-in from another:
 * nobody can lock an agent out, only slow themselves down. There is no per-identity count for the
 * same reason. A try counts as a failure from the moment it is admitted until {@link #succeeded}
 * says otherwise, so a burst of parallel guesses is not admitted before the first one fails.
 *
 * <p>Memory is bounded: a key with no try for {@link #FORGET} is dropped, and beyond {@code
 * maxEntries} per map the least recently tried goes.
 */
public final class LoginThrottle {
  public static final int FREE_PER_LOGIN = 5;
  public static final int FREE_PER_ADDRESS = 20;
  public static final Duration MAX_WAIT = Duration.ofMinutes(15);
  public static final Duration FORGET = Duration.ofHours(1);

  private final Clock clock;
  private final int maxEntries;

  /** Least recently failed first (each failure moves its key to the end), so idle keys lead. */
  private final LinkedHashMap<String, Failures> logins = new LinkedHashMap<>();

  private final LinkedHashMap<String, Failures> addresses = new LinkedHashMap<>();

  private static final class Failures {
    int count;
    Instant last;
  }

  public LoginThrottle(Clock clock, int maxEntries) {
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /**
   * Whether a log-in to {@code identity} of {@code accountSid} (null: the account is not named)
   * from {@code address} may be tried now: 0 when it may (and it then counts as a failure), else
   * the whole seconds (at least 1) to wait, the {@code Retry-After} to answer.
   */
  public synchronized long admit(String address, String accountSid, String identity) {
    Instant now = clock.instant();
    forgetIdle(logins, now);
    forgetIdle(addresses, now);
    String login = key(address, accountSid, identity);
    long wait =
        Math.max(
            wait(logins.get(login), FREE_PER_LOGIN, now),
            wait(addresses.get(address), FREE_PER_ADDRESS, now));
    if (wait > 0) {
      return wait;
    }
    count(logins, login, now);
    count(addresses, address, now);
    return 0;
  }

  /** The admitted try was right: its log-in starts afresh and the address's count drops by it. */
  public synchronized void succeeded(String address, String accountSid, String identity) {
    logins.remove(key(address, accountSid, identity));
    Failures failures = addresses.get(address);
    if (failures != null && --failures.count <= 0) {
      addresses.remove(address);
    }
  }

  synchronized int size() {
    return logins.size() + addresses.size();
  }

  private static String key(String address, String accountSid, String identity) {
    // Neither an address nor a SID holds a space, so the identity (last) may.
    return address + ' ' + (accountSid == null ? "-" : accountSid) + ' ' + identity;
  }

  private static long wait(Failures failures, int free, Instant now) {
    if (failures == null || failures.count < free) {
      return 0;
    }
    int doublings = Math.min(failures.count - free, 20);
    Duration delay = Duration.ofSeconds(Math.min(1L << doublings, MAX_WAIT.toSeconds()));
    Duration left = Duration.between(now, failures.last.plus(delay));
    if (left.isNegative() || left.isZero()) {
      return 0;
    }
    return Math.max(1, (left.toMillis() + 999) / 1000);
  }

  private void count(LinkedHashMap<String, Failures> map, String key, Instant now) {
    Failures failures = map.remove(key);
    if (failures == null) {
      if (map.size() >= maxEntries) {
        Iterator<Failures> eldest = map.values().iterator();
        eldest.next();
        eldest.remove();
      }
      failures = new Failures();
    }
    map.put(key, failures);
    failures.count++;
    failures.last = now;
  }

  private static void forgetIdle(LinkedHashMap<String, Failures> map, Instant now) {
    Instant idleSince = now.minus(FORGET);
    Iterator<Map.Entry<String, Failures>> it = map.entrySet().iterator();
    while (it.hasNext() && it.next().getValue().last.isBefore(idleSince)) {
      it.remove();
    }
  }
}
