package dev.parley.webhooks;

import dev.parley.auth.AccountService;
import dev.parley.conversation.WebhookMethod;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The calls a Studio flow makes (Make HTTP Request, Run Function), through the delivery engine's
 * client and so under {@link OutboundRule}: a refused address is never connected to. Each call
 * completes with the answer, or exceptionally ({@link OutboundRule.Refused}, a timeout, a bad URL,
 * a connection failure).
 */
public final class FlowCalls {
  /** The most of an answer read: a larger one fails the call. */
  public static final int MAX_ANSWER = 64 * 1024;

  private final DeliveryEngine engine;
  private final AccountService accounts;
  private final Supplier<String> ownBase;

  /**
   * Calls through {@code engine}'s client; {@code ownBase} is Parley's public URL, the only place
   * the account's credentials are sent ({@code add_twilio_auth}).
   */
  public FlowCalls(DeliveryEngine engine, AccountService accounts, Supplier<String> ownBase) {
    this.engine = engine;
    this.accounts = accounts;
    this.ownBase = ownBase;
  }

  /**
   * An answer: status, {@code Content-Type} (or null), body (null when over {@link #MAX_ANSWER}).
   */
  public record Answer(int status, String contentType, byte[] body) {}

  /**
   * A form request: {@code params} as a POST body or, for GET, appended to the query. {@code
   * signed} adds {@code X-Twilio-Signature} as webhooks carry it; {@code twilioAuth} adds HTTP
   * Basic with the account's SID and auth token.
   */
  public CompletableFuture<Answer> form(
      String accountSid,
      boolean post,
      String url,
      Map<String, String> params,
      boolean signed,
      boolean twilioAuth,
      long timeoutMillis) {
    WebhookCall call = new WebhookCall(post ? WebhookMethod.POST : WebhookMethod.GET, url, params);
    Map<String, String> headers = new LinkedHashMap<>();
    if (post) {
      headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }
    if (signed) {
      headers.put("X-Twilio-Signature", call.signature(token(accountSid)));
    }
    if (twilioAuth) {
      headers.put("Authorization", basic(accountSid, url));
    }
    return fetch(
        new WebhookClient.Plain(
            post ? HttpMethod.POST : HttpMethod.GET,
            call.requestUrl(),
            headers,
            post ? call.body() : null),
        timeoutMillis);
  }

  /** A POST of a JSON body. */
  public CompletableFuture<Answer> json(
      String accountSid, String url, String body, boolean twilioAuth, long timeoutMillis) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    if (twilioAuth) {
      headers.put("Authorization", basic(accountSid, url));
    }
    return fetch(new WebhookClient.Plain(HttpMethod.POST, url, headers, body), timeoutMillis);
  }

  private CompletableFuture<Answer> fetch(WebhookClient.Plain request, long timeoutMillis) {
    WebhookClient client = engine.client();
    if (client == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("outbound calls are not started"));
    }
    return client
        .fetch(request, MAX_ANSWER, timeoutMillis)
        .thenApply(a -> new Answer(a.status(), a.contentType(), a.body()));
  }

  private String token(String accountSid) {
    return accounts.authToken(accounts.find(accountSid));
  }

  /**
   * HTTP Basic with the account's SID and auth token, for Parley's own API only: a flow may be
   * written by an API key's holder, who must not be able to send the auth token anywhere else.
   */
  private String basic(String accountSid, String url) {
    String base = ownBase.get();
    if (base == null || !url.startsWith(base + "/")) {
      throw new IllegalArgumentException(
          "add_twilio_auth sends the account's credentials only to Parley's own API ("
              + base
              + ")");
    }
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (accountSid + ":" + token(accountSid)).getBytes(StandardCharsets.UTF_8));
  }
}
