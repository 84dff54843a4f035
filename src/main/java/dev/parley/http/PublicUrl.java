package dev.parley.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/**
 * The base of the absolute {@code url}, {@code links} and {@code meta} URLs Parley answers with.
 * Set once the server knows its port, before the first request is accepted.
 *
 * <p>In Twilio host mode (docs/twilio-hosts.md) a request that came in on one of Twilio's hostnames
 * gets Twilio's URLs instead ({@code https://conversations.twilio.com/v1/…}, {@code
 * https://mcs.us1.twilio.com/v1/Services/…/Media}), as Twilio would answer it: {@link
 * #onTwilioHosts} marks such a request's Vert.x context, which its handlers and their blocking work
 * run on; realtime work, which runs on a socket's behalf rather than a request's, marks its worker
 * thread with {@link #within}.
 */
public final class PublicUrl {
  /**
   * The key of a request's Twilio region in its (duplicated) context's local data: Vert.x's own
   * local map, since a {@code ContextLocal} of ours would have to be registered before the first
   * Vert.x instance is built, which Parley builds on another thread while the store opens.
   */
  private static final Object REGION = new Object();

  private static final ThreadLocal<String> WORKER_REGION = new ThreadLocal<>();

  private volatile String base;

  public PublicUrl() {}

  public PublicUrl(String base) {
    resolve(base);
  }

  public void resolve(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The configured base, whatever hostname the current request came in on. */
  public String base() {
    return base;
  }

  /**
   * {@code base + path}; {@code path} starts with a slash. Twilio's hostname for the path instead
   * when the current request came in on one of Twilio's (and the path is one Twilio serves).
   */
  public String of(String path) {
    String region = currentRegion();
    if (region != null) {
      String host = TwilioHosts.hostFor(path, region);
      if (host != null) {
        return "https://" + host + path;
      }
    }
    return base + path;
  }

  /**
   * Wraps the request handler of the TLS listener: a request whose {@code Host} is one of Twilio's
   * hostnames is answered with Twilio's URLs.
   */
  public static Handler<HttpServerRequest> onTwilioHosts(Handler<HttpServerRequest> next) {
    return request -> {
      String region =
          request.authority() == null ? null : TwilioHosts.regionOf(request.authority().host());
      ContextInternal context = ContextInternal.current();
      if (region != null && context != null && context.isDuplicate()) {
        context.putLocal(REGION, region);
      }
      next.handle(request);
    };
  }

  /** The Twilio region of the request being answered on this thread; null for the public URL. */
  public static String currentRegion() {
    String region = WORKER_REGION.get();
    if (region != null) {
      return region;
    }
    if (Vertx.currentContext() instanceof ContextInternal context && context.isDuplicate()) {
      return context.getLocal(REGION);
    }
    return null;
  }

  /** Runs {@code work} on this thread as for a request of {@code region} (null: the public URL). */
  public static <T> T within(String region, Supplier<T> work) {
    if (region == null) {
      return work.get();
    }
    String before = WORKER_REGION.get();
    WORKER_REGION.set(region);
    try {
      return work.get();
    } finally {
      if (before == null) {
        WORKER_REGION.remove();
      } else {
        WORKER_REGION.set(before);
      }
    }
  }
}
