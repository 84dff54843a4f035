package dev.parley.console;

import dev.parley.http.Failures;
import dev.parley.widget.LazyAsset;
import dev.parley.widget.StaticAsset;
import dev.parley.widget.WidgetAssets;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent console's page ({@code GET /console}) and script ({@code GET /console/console.js},
 * built from {@code src/main/widget/console} into the jar). Unlike the widget's, they are for
 * Parley's own origin only: no CORS, no framing, and a CSP that allows scripts and connections to
 * this origin alone, so an injected string could not run or phone home even if it were parsed.
 */
public final class ConsoleAssets {
  private static final Logger log = LoggerFactory.getLogger(ConsoleAssets.class);
  public static final String PAGE_PATH = "/console";
  public static final String SCRIPT_PATH = "/console/console.js";

  /** Same as {@code /widget.js}: five minutes, then a revalidation by ETag. */
  private static final String SCRIPT_CACHE = "private, max-age=300";

  private static final String CSP =
      "default-src 'none'; script-src 'self'; connect-src 'self' ws: wss:; style-src 'self'"
          + " 'unsafe-inline'; img-src 'self' data: blob:; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private final LazyAsset page =
      new LazyAsset("console/index.html", "text/html; charset=utf-8", "no-store");
  private final LazyAsset script =
      new LazyAsset("console/console.js", "application/javascript; charset=utf-8", SCRIPT_CACHE);

  public ConsoleAssets() {
    if (!script.exists()) {
      log.warn("event=console_missing path={} (build it with mvn package)", SCRIPT_PATH);
    }
  }

  /** {@code GET /console} and {@code /console/}. */
  public void page(RoutingContext ctx) {
    serve(ctx, page);
  }

  /** {@code GET /console/console.js}. */
  public void script(RoutingContext ctx) {
    serve(ctx, script);
  }

  private static void serve(RoutingContext ctx, LazyAsset asset) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      Failures.byStatus(ctx, 405);
      return;
    }
    asset.get(ctx.vertx()).onSuccess(a -> serve(ctx, a)).onFailure(ctx::fail);
  }

  private static void serve(RoutingContext ctx, StaticAsset asset) {
    if (asset == null) {
      Failures.byStatus(ctx, 404);
      return;
    }
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Content-Type-Options", "nosniff");
    WidgetAssets.send(ctx, asset);
  }
}
