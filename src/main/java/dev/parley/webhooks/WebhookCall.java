package dev.parley.webhooks;

import dev.parley.conversation.WebhookMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP request to a receiver: the event's form fields, sent as a form-encoded POST body or, for
 * {@code GET}, as the query string (Twilio sends the same fields either way).
 */
record WebhookCall(WebhookMethod method, String url, Map<String, String> params) {

  boolean isGet() {
    return method == WebhookMethod.GET;
  }

  /** The URL requested: for GET with the fields appended to any query the URL already has. */
  String requestUrl() {
    if (!isGet()) {
      return url;
    }
    return url + (url.indexOf('?') < 0 ? '?' : '&') + encoded();
  }

  /** The POST body; empty for GET. */
  String body() {
    return isGet() ? "" : encoded();
  }

  String signature(String authToken) {
    return isGet()
        ? TwilioSignature.of(authToken, requestUrl(), Map.of())
        : TwilioSignature.of(authToken, url, params);
  }

  private String encoded() {
    StringBuilder out = new StringBuilder(256);
    params.forEach(
        (name, value) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return out.toString();
  }
}
