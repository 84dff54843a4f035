package dev.parley.widget;

import dev.parley.error.TwilioError;
import dev.parley.http.Failures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitor widget's files, public like Webchat 3's endpoints: {@code GET /widget.js} (built from
 * {@code src/main/widget} into the jar) and the demo host page {@code GET /widget/demo}. Any origin
 * may load them, since every site that embeds the widget does.
 */
public final class WidgetAssets {
  private static final Logger log = LoggerFactory.getLogger(WidgetAssets.class);

  public static final String SCRIPT_PATH = "/widget.js";
  public static final String DEMO_PATH = "/widget/demo";

  /**
   * The script's URL carries no version, so caches keep it five minutes and then revalidate with
   * the {@code ETag} (a {@code 304} of a few bytes) until it changes.
   */
  private static final String SCRIPT_CACHE = "public, max-age=300";

  private static final Pattern DEPLOYMENT_KEY = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern LANG = Pattern.compile("en|de");

  private final LazyAsset script =
      new LazyAsset("widget/widget.js", "application/javascript; charset=utf-8", SCRIPT_CACHE);
  private final LazyAsset demo = new LazyAsset("widget/demo.html", "text/html", "no-store");

  public WidgetAssets() {
    if (!script.exists()) {
      log.warn("event=widget_missing path={} (build it with mvn package)", SCRIPT_PATH);
    }
  }

  public void script(RoutingContext ctx) {
    if (readOnly(ctx)) {
      script.get(ctx.vertx()).onSuccess(asset -> script(ctx, asset)).onFailure(ctx::fail);
    }
  }

  private void script(RoutingContext ctx, StaticAsset script) {
    if (script == null) {
      Failures.byStatus(ctx, 404);
      return;
    }
    ctx.response()
        .putHeader("Access-Control-Allow-Origin", "*")
        // Pages that isolate themselves (COEP require-corp) may still load it.
        .putHeader("Cross-Origin-Resource-Policy", "cross-origin")
        .putHeader("X-Content-Type-Options", "nosniff");
    send(ctx, script);
  }

  /**
   * Sends {@code asset} with its type and caching headers, gzipped to a client that accepts it, or
   * a {@code 304} to one that has this version already. The caller adds its other headers first.
   */
  public static void send(RoutingContext ctx, StaticAsset asset) {
    HttpServerResponse response = ctx.response();
    boolean gzip = acceptsGzip(ctx.request().getHeader("Accept-Encoding"));
    response
        .putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", asset.cacheControl())
        .putHeader("ETag", gzip ? asset.gzipEtag() : asset.etag())
        .putHeader("Vary", "Accept-Encoding");
    if (asset.matches(ctx.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
    } else if (gzip) {
      response.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(asset.gzipped()));
    } else {
      response.end(Buffer.buffer(asset.body()));
    }
  }

  /**
   * A page that embeds the widget with {@code ?DeploymentKey=…} (and {@code Lang=en|de}), for
   * trying it by hand and for the browser tests. The key goes into the page only once it is known
   * to be 32 hex digits, so nothing else can be injected through it.
   */
  public void demo(RoutingContext ctx) {
    if (readOnly(ctx)) {
      demo.get(ctx.vertx()).onSuccess(page -> demo(ctx, page)).onFailure(ctx::fail);
    }
  }

  private void demo(RoutingContext ctx, StaticAsset page) {
    String key = ctx.request().getParam("DeploymentKey");
    String lang = ctx.request().getParam("Lang");
    if (key == null || !DEPLOYMENT_KEY.matcher(key).matches()) {
      invalid(ctx, "DeploymentKey", "must be the 32 hex digits of a Webchat deployment's key");
    } else if (lang != null && !LANG.matcher(lang).matches()) {
      invalid(ctx, "Lang", "must be en or de");
    } else if (page == null) {
      Failures.byStatus(ctx, 404);
    } else {
      String html =
          new String(page.body(), StandardCharsets.UTF_8)
              .replace("%DEPLOYMENT_KEY%", key)
              .replace("%LANG_ATTRIBUTE%", lang == null ? "" : " data-lang=\"" + lang + "\"");
      ctx.response()
          .putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end(html);
    }
  }

  /** GET and HEAD only; anything else is Twilio's {@code 405}. */
  private static boolean readOnly(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      return true;
    }
    Failures.byStatus(ctx, 405);
    return false;
  }

  private static void invalid(RoutingContext ctx, String parameter, String why) {
    Failures.render(
        ctx, TwilioError.INVALID_PARAMETER, TwilioError.INVALID_PARAMETER.message(parameter, why));
  }

  public static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] coding = part.strip().split(";");
      if (coding[0].strip().equalsIgnoreCase("gzip")) {
        return coding.length == 1 || !coding[1].replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }
}
