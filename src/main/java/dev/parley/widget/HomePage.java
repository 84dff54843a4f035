package dev.parley.widget;

import dev.parley.http.Failures;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * What a person who opens the server's base URL sees: {@code GET /} answers a small page that says
 * what this is and links to the console, the widget demo and the docs, but only to a client that
 * accepts HTML; an API client still gets Twilio's JSON {@code 404}. {@code GET /favicon.ico} is
 * Parley's icon (SVG), cached for a day.
 */
public final class HomePage {
  public static final String PATH = "/";
  public static final String FAVICON_PATH = "/favicon.ico";

  private final LazyAsset page =
      new LazyAsset("widget/home.html", "text/html; charset=utf-8", "no-cache");
  private final LazyAsset icon =
      new LazyAsset("widget/favicon.svg", "image/svg+xml", "public, max-age=86400");

  public void page(RoutingContext ctx) {
    if (!readOnly(ctx) || !acceptsHtml(ctx.request().getHeader("Accept"))) {
      Failures.byStatus(ctx, 404);
      return;
    }
    page.get(ctx.vertx())
        .onSuccess(
            asset -> {
              if (asset == null) {
                Failures.byStatus(ctx, 404);
              } else {
                ctx.response().putHeader("X-Content-Type-Options", "nosniff");
                WidgetAssets.send(ctx, asset);
              }
            })
        .onFailure(ctx::fail);
  }

  public void favicon(RoutingContext ctx) {
    if (!readOnly(ctx)) {
      Failures.byStatus(ctx, 405);
      return;
    }
    icon.get(ctx.vertx())
        .onSuccess(
            asset -> {
              if (asset == null) {
                Failures.byStatus(ctx, 404);
              } else {
                WidgetAssets.send(ctx, asset);
              }
            })
        .onFailure(ctx::fail);
  }

  /** A browser's navigation asks for {@code text/html}; curl and the SDKs do not. */
  static boolean acceptsHtml(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
  }

  private static boolean readOnly(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    return method == HttpMethod.GET || method == HttpMethod.HEAD;
  }
}
