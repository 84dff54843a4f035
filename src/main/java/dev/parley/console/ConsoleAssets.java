package dev.parley.console;

import dev.parley.http.Failures;
import dev.parley.widget.StaticAsset;
import dev.parley.widget.WidgetAssets;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
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
  private static final String PAGE = "console/index.html";
  private static final String SCRIPT = "console/console.js";

  /** Same as {@code /widget.js}: five minutes, then a revalidation by ETag. */
  private static final String SCRIPT_CACHE = "private, max-age=300";

  private static final String CSP =
      "default-src 'none'; script-src 'self'; connect-src 'self' ws: wss:; style-src 'self'"
          + " 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private Future<StaticAsset> page;
  private Future<StaticAsset> script;

  public ConsoleAssets(Router router) {
    router.route(PAGE_PATH).handler(ctx -> serve(ctx, pageAsset(ctx)));
    router.route(PAGE_PATH + "/").handler(ctx -> serve(ctx, pageAsset(ctx)));
    router.route(SCRIPT_PATH).handler(ctx -> serve(ctx, scriptAsset(ctx)));
    if (!StaticAsset.exists(SCRIPT)) {
      log.warn("event=console_missing path={} (build it with mvn package)", SCRIPT_PATH);
    }
  }

  private synchronized Future<StaticAsset> pageAsset(RoutingContext ctx) {
    if (page == null) {
      page =
          ctx.vertx()
              .executeBlocking(
                  () -> StaticAsset.load(PAGE, "text/html; charset=utf-8", "no-store"));
    }
    return page;
  }

  private synchronized Future<StaticAsset> scriptAsset(RoutingContext ctx) {
    if (script == null) {
      script =
          ctx.vertx()
              .executeBlocking(
                  () ->
                      StaticAsset.load(
                          SCRIPT, "application/javascript; charset=utf-8", SCRIPT_CACHE));
    }
    return script;
  }

  private static void serve(RoutingContext ctx, Future<StaticAsset> asset) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      Failures.byStatus(ctx, 405);
      return;
    }
    asset.onSuccess(a -> serve(ctx, a)).onFailure(ctx::fail);
  }

  private static void serve(RoutingContext ctx, StaticAsset asset) {
    if (asset == null) {
      Failures.byStatus(ctx, 404);
      return;
    }
    HttpServerResponse response = ctx.response();
    boolean gzip = WidgetAssets.acceptsGzip(ctx.request().getHeader("Accept-Encoding"));
    response
        .putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", asset.cacheControl())
        .putHeader("ETag", gzip ? asset.gzipEtag() : asset.etag())
        .putHeader("Vary", "Accept-Encoding")
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Content-Type-Options", "nosniff");
    if (asset.matches(ctx.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
    } else if (gzip) {
      response.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(asset.gzipped()));
    } else {
      response.end(Buffer.buffer(asset.body()));
    }
  }
}
