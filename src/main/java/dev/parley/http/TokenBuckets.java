package dev.parley.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token-bucket rate limit per key (a client IP, a deployment key): each bucket holds up to {@code
 * perMinute} requests and refills at {@code perMinute} per minute. Memory is bounded: a bucket that
 * has refilled completely says nothing a new one would not, so idle buckets are dropped, and beyond
 * {@code maxBuckets} the least recently used one goes.
 */
public final class TokenBuckets {
  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final double capacity;
  private final long refillNanos;
  private final int maxBuckets;
  private final LongSupplier nanoTime;

  /** Least recently used first, so idle buckets are found at the head. */
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  public TokenBuckets(int perMinute, int maxBuckets, LongSupplier nanoTime) {
    if (perMinute < 1 || maxBuckets < 1) {
      throw new IllegalArgumentException("a rate limit needs at least 1 request and 1 bucket");
    }
    this.capacity = perMinute;
    this.refillNanos = MINUTE_NANOS / perMinute;
    this.maxBuckets = maxBuckets;
    this.nanoTime = nanoTime;
  }

  public TokenBuckets(int perMinute, int maxBuckets) {
    this(perMinute, maxBuckets, System::nanoTime);
  }

  /**
   * Takes one request from {@code key}'s bucket. Returns 0 when admitted, else the whole seconds
   * (at least 1) until the next request would be: the {@code Retry-After} to answer.
   */
  public synchronized long take(String key) {
    long now = nanoTime.getAsLong();
    dropIdle(now);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxBuckets) {
        Iterator<Bucket> eldest = buckets.values().iterator();
        eldest.next();
        eldest.remove();
      }
      bucket = new Bucket(capacity, now);
      buckets.put(key, bucket);
    }
    refill(bucket, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    long waitNanos = (long) Math.ceil((1 - bucket.tokens) * refillNanos);
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
  }

  synchronized int size() {
    return buckets.size();
  }

  private void refill(Bucket bucket, long now) {
    bucket.tokens =
        Math.min(capacity, bucket.tokens + (double) (now - bucket.updated) / refillNanos);
    bucket.updated = now;
  }

  /** Drops buckets from the least recently used end while they have refilled completely. */
  private void dropIdle(long now) {
    Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator();
    while (it.hasNext()) {
      Bucket bucket = it.next().getValue();
      double refilled = bucket.tokens + (double) (now - bucket.updated) / refillNanos;
      if (refilled < capacity) {
        return;
      }
      it.remove();
    }
  }
}
