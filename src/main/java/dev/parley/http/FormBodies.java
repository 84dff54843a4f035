package dev.parley.http;

import dev.parley.error.TwilioError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Twilio's APIs take form-encoded bodies only. A POST that carries a body of another type is
 * answered 415 rather than silently read as "no parameters".
 */
public final class FormBodies {
  private FormBodies() {}

  public static void require(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.POST) {
      String type = ctx.request().getHeader("Content-Type");
      boolean hasBody = ctx.body() != null && ctx.body().length() > 0;
      boolean form =
          type != null
              && type.toLowerCase(java.util.Locale.ROOT)
                  .startsWith("application/x-www-form-urlencoded");
      if (hasBody && !form) {
        Failures.render(
            ctx,
            TwilioError.UNSUPPORTED_MEDIA_TYPE,
            TwilioError.UNSUPPORTED_MEDIA_TYPE.message(type));
        return;
      }
    }
    ctx.next();
  }
}
