package dev.parley.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.auth.AccountService;
import dev.parley.json.Json;
import dev.parley.store.ConversationRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioStepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Studio flows did in a chat, for the console's details pane (docs/console.md): each
 * execution's flow, status, steps in order and context, and the task attributes its send-to-flex
 * set. The agent reads it under the details' rule ({@link ConsoleChats#visible}), so another
 * agent's chat is a 403 and another account's a 404, as for the details. Credentials a flow may
 * have fetched are hidden ({@link #HIDDEN_KEYS}).
 */
public final class ChatFlows {
  /** Executions shown, newest first: a chat meets a handful of flows, not hundreds. */
  public static final int EXECUTION_LIMIT = 20;

  /** Steps shown per execution, oldest first: a run takes at most 100 steps between waits. */
  public static final int STEP_LIMIT = 500;

  /**
   * Keys whose values the console never shows, however deep: credentials an HTTP widget may have
   * fetched from Parley's own API with {@code add_twilio_auth} (the account resource carries {@code
   * auth_token}, a new key its {@code secret}), which the account's agents must not read.
   */
  private static final Set<String> HIDDEN_KEYS =
      Set.of("auth_token", "authtoken", "secret", "password");

  static final String HIDDEN = "(hidden)";

  /** The step whose context holds send-to-flex's task attributes (studio's WidgetRunner). */
  private static final String SENT_TO_FLEX = "callComplete";

  private final Store store;
  private final ConsoleChats chats;
  private final AccountService accounts;

  public ChatFlows(Store store, ConsoleChats chats, AccountService accounts) {
    this.store = store;
    this.chats = chats;
    this.accounts = accounts;
  }

  /** One transition: the event, the widget it left and the one it went to, and when. */
  public record Step(String event, String from, String to, Instant dateCreated) {}

  /**
   * One execution as the console shows it. {@code variables} is the context's {@code
   * flow.variables}, {@code widgets} its {@code widgets} (every widget's output), {@code
   * taskAttributes} what send-to-flex rendered (null when no send-to-flex ran); {@code waitingOn}
   * the widget waiting for the visitor's reply or a call's answer.
   */
  public record Execution(
      String sid,
      String flowSid,
      String flowName,
      int revision,
      String status,
      String waitingOn,
      Instant waitUntil,
      Instant dateCreated,
      Instant dateUpdated,
      List<Step> steps,
      JsonNode variables,
      JsonNode widgets,
      JsonNode taskAttributes) {}

  /** The chat's executions, newest first. */
  public List<Execution> of(Agent agent, String conversationSid) {
    return store.read(
        tx -> {
          ConversationRecord chat = chats.visible(tx, agent, conversationSid);
          // A flow may have copied the account's auth token anywhere (a variable, a message):
          // wherever it shows, it is hidden.
          String token =
              store.accounts().find(tx, agent.accountSid()).map(accounts::authToken).orElse(null);
          return store
              .studio()
              .inConversation(tx, agent.accountSid(), chat.sid(), EXECUTION_LIMIT)
              .stream()
              .map(
                  e ->
                      execution(
                          e,
                          token,
                          store
                              .studio()
                              .findFlow(tx, agent.accountSid(), e.flowSid())
                              .map(StudioFlowRecord::friendlyName)
                              .orElse(null),
                          store.studio().steps(tx, e.sid(), PageRequest.first(STEP_LIMIT)).items()))
              .toList();
        });
  }

  private static Execution execution(
      StudioExecutionRecord e, String token, String flowName, List<StudioStepRecord> steps) {
    JsonNode context = read(e.context());
    JsonNode taskAttributes = null;
    for (StudioStepRecord step : steps) {
      if (SENT_TO_FLEX.equals(step.name())) {
        JsonNode attributes = read(step.context()).get("task_attributes");
        taskAttributes = attributes == null ? taskAttributes : attributes;
      }
    }
    return new Execution(
        e.sid(),
        e.flowSid(),
        flowName,
        e.revision(),
        e.status(),
        e.waiting(),
        e.waitUntil(),
        e.dateCreated(),
        e.dateUpdated(),
        steps.stream()
            .map(s -> new Step(s.name(), s.transitionedFrom(), s.transitionedTo(), s.dateCreated()))
            .toList(),
        hide(objectOrEmpty(context.path("flow").path("variables")), token),
        withoutRawJson(hide(objectOrEmpty(context.path("widgets")), token)),
        taskAttributes == null ? null : hide(taskAttributes, token));
  }

  /**
   * A copy with every value under a {@link #HIDDEN_KEYS} key replaced, and the account's auth token
   * replaced in every text.
   */
  private static JsonNode hide(JsonNode node, String token) {
    JsonNode copy = node.deepCopy();
    return hideIn(copy, token);
  }

  private static JsonNode hideIn(JsonNode node, String token) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        object.set(
            name,
            HIDDEN_KEYS.contains(name.toLowerCase(Locale.ROOT))
                ? TextNode.valueOf(HIDDEN)
                : hideIn(object.get(name), token));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, hideIn(array.get(i), token));
      }
    } else if (node.isTextual() && token != null && !token.isEmpty()) {
      String text = node.asText();
      return text.contains(token) ? TextNode.valueOf(text.replace(token, HIDDEN)) : node;
    }
    return node;
  }

  /**
   * An HTTP widget's {@code body} goes when its {@code parsed} is there: the same answer, whose
   * hidden keys would otherwise show in the raw text.
   */
  private static JsonNode withoutRawJson(JsonNode widgets) {
    widgets.forEach(
        output -> {
          if (output instanceof ObjectNode o && o.has("parsed")) {
            o.remove("body");
          }
        });
    return widgets;
  }

  private static JsonNode objectOrEmpty(JsonNode node) {
    return node.isObject() ? node : Json.MAPPER.createObjectNode();
  }

  /** Written by the engine, so JSON: a failure is a bug. */
  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored Studio context is not JSON", e);
    }
  }
}
