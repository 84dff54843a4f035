package dev.parley.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.json.Json;
import dev.parley.store.ConversationRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioStepRecord;
import java.time.Instant;
import java.util.List;

/**
 * What Studio flows did in a chat, for the console's details pane (docs/console.md): each
 * execution's flow, status, steps in order and context, and the task attributes its send-to-flex
 * set. The agent reads it under the details' rule ({@link ConsoleChats#visible}), so another
 * agent's chat is a 403 and another account's a 404, as for the details.
 */
public final class ChatFlows {
  /** Executions shown, newest first: a chat meets a handful of flows, not hundreds. */
  public static final int EXECUTION_LIMIT = 20;

  /** Steps shown per execution, oldest first: a run takes at most 100 steps between waits. */
  public static final int STEP_LIMIT = 500;

  /** The step whose context holds send-to-flex's task attributes (studio's WidgetRunner). */
  private static final String SENT_TO_FLEX = "callComplete";

  private final Store store;
  private final ConsoleChats chats;

  public ChatFlows(Store store, ConsoleChats chats) {
    this.store = store;
    this.chats = chats;
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
          return store
              .studio()
              .inConversation(tx, agent.accountSid(), chat.sid(), EXECUTION_LIMIT)
              .stream()
              .map(
                  e ->
                      execution(
                          e,
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
      StudioExecutionRecord e, String flowName, List<StudioStepRecord> steps) {
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
        objectOrEmpty(context.path("flow").path("variables")),
        objectOrEmpty(context.path("widgets")),
        taskAttributes);
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
