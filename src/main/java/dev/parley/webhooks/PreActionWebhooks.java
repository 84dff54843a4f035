package dev.parley.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.auth.AccountService;
import dev.parley.conversation.EventWebhookTarget;
import dev.parley.conversation.JsonLists;
import dev.parley.conversation.WebhookMethod;
import dev.parley.events.PreAction;
import dev.parley.events.PreActionHook;
import dev.parley.json.Json;
import dev.parley.store.ConfigurationRecord;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the pre-action webhook and waits for its verdict, as Twilio does before publishing an SDK
 * change: the service's {@code PreWebhookUrl} when the service has webhooks of its own, else the
 * account's global one, each only for the actions its filters list. A blocking call on the caller's
 * worker thread, bounded by Twilio's five seconds; an answer is read up to {@value #MAX_ANSWER}
 * bytes within the same five seconds, so a receiver can neither make Parley buffer more nor hold
 * the thread longer. The call goes through the delivery engine's client, so {@link OutboundRule}
 * applies: a hook on a refused address is never called, and the change proceeds, as when a hook
 * does not answer.
 */
public final class PreActionWebhooks implements PreActionHook {
  private static final Logger log = LoggerFactory.getLogger(PreActionWebhooks.class);
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final Duration TIMEOUT = Duration.ofMillis(WebhookClient.TIMEOUT_MILLIS);
  private static final int MAX_ANSWER = 64 * 1024;
  private final Store store;
  private final AccountService accounts;
  private final DeliveryEngine engine;

  /** Calls through {@code engine}'s client, under the same {@link OutboundRule}. */
  public PreActionWebhooks(Store store, AccountService accounts, DeliveryEngine engine) {
    this.store = store;
    this.accounts = accounts;
    this.engine = engine;
  }

  private record Target(String url, WebhookMethod method) {}

  @Override
  public Verdict ask(
      PreAction action, String accountSid, String serviceSid, Map<String, String> fields) {
    Optional<Target> target = store.read(tx -> target(tx, action, accountSid, serviceSid));
    if (target.isEmpty()) {
      return Verdict.PROCEED;
    }
    Map<String, String> params = new LinkedHashMap<>(fields);
    params.put("RetryCount", "0");
    WebhookCall call = new WebhookCall(target.get().method(), target.get().url(), params);
    String token = accounts.authToken(accounts.find(accountSid));
    WebhookClient client = engine.client();
    if (client == null) {
      log.warn("event=pre_action_unanswered action={} error=not_started", action.wire());
      return Verdict.PROCEED;
    }
    CompletableFuture<WebhookClient.Answer> answer = client.ask(call, token, MAX_ANSWER);
    try {
      // One deadline for the whole exchange: the request timeout alone stops at the headers, and
      // a receiver that trickles its body would hold the caller's thread for as long as it likes.
      return verdict(action, call, answer.get(TIMEOUT.toMillis() + 200, TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OutboundRule.Refused refused) {
        // Never called: as for a hook that does not answer, Twilio publishes unmodified.
        log.warn(
            "event=pre_action_refused action={} url={} reason=\"{}\"",
            action.wire(),
            call.url(),
            refused.getMessage());
        return Verdict.PROCEED;
      }
      // No answer (refused, reset, timed out): Twilio publishes unmodified.
      log.info(
          "event=pre_action_unanswered action={} url={} error={}",
          action.wire(),
          call.url(),
          e.getCause().toString());
      return Verdict.PROCEED;
    } catch (TimeoutException e) {
      answer.cancel(true);
      log.info(
          "event=pre_action_unanswered action={} url={} error={}",
          action.wire(),
          call.url(),
          "no answer within 5 s");
      return Verdict.PROCEED;
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return Verdict.PROCEED;
    }
  }

  private Optional<Target> target(
      dev.parley.store.Tx tx, PreAction action, String accountSid, String serviceSid) {
    ServiceRecord service = store.services().find(tx, accountSid, serviceSid).orElse(null);
    if (service != null && (service.preWebhookUrl() != null || service.postWebhookUrl() != null)) {
      return service.preWebhookUrl() != null && listed(service.webhookFilters(), action)
          ? Optional.of(
              new Target(
                  service.preWebhookUrl(),
                  service.webhookMethod() == null
                      ? WebhookMethod.POST
                      : WebhookMethod.fromWire(service.webhookMethod())))
          : Optional.empty();
    }
    ConfigurationRecord global = store.accounts().configuration(tx, accountSid).orElse(null);
    return global != null
            && global.preWebhookUrl() != null
            && EventWebhookTarget.fromWire(global.webhookTarget()) == EventWebhookTarget.WEBHOOK
            && listed(global.webhookFilters(), action)
        ? Optional.of(
            new Target(global.preWebhookUrl(), WebhookMethod.fromWire(global.webhookMethod())))
        : Optional.empty();
  }

  private static boolean listed(String filters, PreAction action) {
    var names = JsonLists.read(filters);
    return names != null && names.contains(action.wire());
  }

  /** 4xx/5xx rejects; a 200 with a JSON object modifies; anything else publishes unmodified. */
  private static Verdict verdict(PreAction action, WebhookCall call, WebhookClient.Answer answer) {
    int status = answer.status();
    if (status >= 400) {
      return new Verdict(status, Map.of());
    }
    byte[] bytes = answer.body();
    if (status != 200 || bytes == null || bytes.length == 0) {
      return Verdict.PROCEED;
    }
    try {
      Map<String, Object> changes = JSON.readValue(bytes, OBJECT);
      return new Verdict(null, changes == null ? Map.of() : changes);
    } catch (IOException notAnObject) {
      log.info(
          "event=pre_action_answer_ignored action={} url={} reason=not_a_json_object",
          action.wire(),
          call.url());
      return Verdict.PROCEED;
    }
  }
}
