package dev.parley.webhooks;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Caps the calls in flight to one receiver origin ({@code scheme://host:port}), so that receivers
 * that hang cannot take every one of the engine's calls: without it, a few hundred conversations
 * pointed at one hanging receiver would hold all calls for five seconds at a time and stall every
 * other receiver. A lane whose origin is at its cap is parked, busy, and handed back when a call to
 * that origin ends. Used by the dispatcher thread only.
 */
final class OriginLimit {
  private final int max;
  private final Map<String, Integer> calls = new HashMap<>();
  private final Map<String, ArrayDeque<Lane>> parked = new HashMap<>();

  OriginLimit(int max) {
    this.max = max;
  }

  /** Takes a call to {@code origin} for {@code lane}, or parks the lane and answers false. */
  boolean admit(String origin, Lane lane) {
    int current = calls.getOrDefault(origin, 0);
    if (current >= max) {
      parked.computeIfAbsent(origin, o -> new ArrayDeque<>()).addLast(lane);
      return false;
    }
    calls.put(origin, current + 1);
    return true;
  }

  /** A call to {@code origin} ended: the lane parked longest for it, to go again, or null. */
  Lane release(String origin) {
    int left = calls.merge(origin, -1, Integer::sum);
    if (left <= 0) {
      calls.remove(origin);
    }
    ArrayDeque<Lane> waiting = parked.get(origin);
    if (waiting == null) {
      return null;
    }
    Lane next = waiting.pollFirst();
    if (waiting.isEmpty()) {
      parked.remove(origin);
    }
    return next;
  }

  /** The origin of a webhook URL; a URL that does not parse is its own origin. */
  static String of(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      return scheme + "://" + host + ":" + port;
    } catch (IllegalArgumentException unparsable) {
      return url;
    }
  }
}
