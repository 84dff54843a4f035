package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.NewMessage;
import dev.parley.conversation.Scope;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ConversationSid;
import dev.parley.ids.ServiceSid;
import dev.parley.json.Attributes;
import dev.parley.store.ConversationWebhookRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs one widget of a flow: sends, splits, sets variables, hands a chat to agents. A failure a
 * flow can route (a closed conversation, a bad template) leaves on the widget's {@code failed}
 * event rather than throwing, so the contact's own message is never lost to a flow's fault.
 */
final class WidgetRunner {
  /** Twilio's default wait for a reply: one hour (send-and-wait-for-reply's timeout). */
  static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  /** Twilio allows a reply timeout of up to 7 days (604800 seconds). */
  static final long MAX_TIMEOUT_SECONDS = 604_800;

  /** The author Conversations gives a message posted without one. */
  private static final String SYSTEM_AUTHOR = "system";

  private final Store store;
  private final Clock clock;
  private final MessageService messages;
  private final Subflows subflows;

  WidgetRunner(Store store, Clock clock, MessageService messages, Subflows subflows) {
    this.store = store;
    this.clock = clock;
    this.messages = messages;
    this.subflows = subflows;
  }

  Outcome run(Tx tx, StudioExecutionRecord execution, ObjectNode context, JsonNode state) {
    String type = state.path("type").asText();
    JsonNode properties = state.path("properties");
    return switch (type) {
      case "send-message" -> sendMessage(tx, execution, context, properties);
      case "send-and-wait-for-reply" -> sendAndWait(tx, execution, context, properties);
      case "split-based-on" -> split(context, state);
      case "set-variables" -> setVariables(context, properties);
      case "send-to-flex" -> sendToFlex(tx, execution, context, properties);
      case HttpWidgets.HTTP, HttpWidgets.FUNCTION ->
          HttpWidgets.park(type, properties, context, clock.instant());
      default -> throw new UnsupportedWidget(type);
    };
  }

  private Outcome sendMessage(
      Tx tx, StudioExecutionRecord execution, ObjectNode context, JsonNode properties) {
    ObjectNode output = StudioJson.MAPPER.createObjectNode();
    try {
      MessageRecord sent = send(tx, execution, context, properties);
      output.put("sid", sent.sid()).put("body", sent.body()).put("status", "sent");
      output.put("from", sent.author());
      return Outcome.leave("sent", output);
    } catch (ApiException | Templates.TemplateException e) {
      output.put("status", "failed").put("error", e.getMessage());
      return Outcome.leave("failed", output);
    }
  }

  private Outcome sendAndWait(
      Tx tx, StudioExecutionRecord execution, ObjectNode context, JsonNode properties) {
    ObjectNode output = StudioJson.MAPPER.createObjectNode();
    try {
      MessageRecord sent = send(tx, execution, context, properties);
      output.putObject("outbound").put("Sid", sent.sid()).put("Body", sent.body());
      return Outcome.wait(output, clock.instant().plus(timeout(properties, context)));
    } catch (ApiException | Templates.TemplateException e) {
      output.put("status", "failed").put("error", e.getMessage());
      return Outcome.leave("deliveryFailure", output);
    }
  }

  private Duration timeout(JsonNode properties, ObjectNode context) {
    String text = Templates.render(properties.path("timeout").asText(""), context).trim();
    try {
      long seconds = text.isEmpty() ? DEFAULT_TIMEOUT.toSeconds() : Long.parseLong(text);
      return Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_TIMEOUT_SECONDS)));
    } catch (NumberFormatException e) {
      return DEFAULT_TIMEOUT;
    }
  }

  /**
   * Posts the widget's body into the execution's conversation, authored by its rendered {@code
   * from} (else {@code system}, as a message with no author is). Webhooks fire as for a REST
   * message that asked for them. An execution with no conversation (the REST trigger) has no
   * channel to send on: Parley has no SMS.
   */
  private MessageRecord send(
      Tx tx, StudioExecutionRecord execution, ObjectNode context, JsonNode properties) {
    if (execution.conversationSid() == null) {
      throw new ApiException(
          TwilioError.INVALID_PARAMETER,
          "to",
          "Parley sends flow messages only into the conversation that started the execution");
    }
    String body = Templates.render(properties.path("body").asText(""), context);
    String from = Templates.render(properties.path("from").asText(""), context);
    String attributes = Templates.render(properties.path("attributes").asText(""), context);
    Scope scope =
        new Scope(
            AccountSid.of(execution.accountSid()),
            ServiceSid.of(execution.serviceSid()),
            Origin.API);
    return messages.create(
        tx,
        scope,
        new ConversationSid(execution.conversationSid()),
        NewMessage.text(
            from == null || from.isBlank() ? SYSTEM_AUTHOR : from.trim(),
            body,
            Attributes.trusted(jsonObjectOrNull(attributes))));
  }

  private static String jsonObjectOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return StudioJson.MAPPER.readTree(text).isObject() ? text : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The first {@code match} transition whose conditions all hold, else {@code noMatch}. */
  private Outcome split(ObjectNode context, JsonNode state) {
    String input = Templates.render(state.path("properties").path("input").asText(""), context);
    ObjectNode output = StudioJson.MAPPER.createObjectNode().put("input", input);
    for (JsonNode transition : state.path("transitions")) {
      if (!"match".equals(transition.path("event").asText())) {
        continue;
      }
      boolean all = transition.path("conditions").size() > 0;
      for (JsonNode condition : transition.path("conditions")) {
        JsonNode arguments = condition.path("arguments");
        String value =
            arguments.isArray() && arguments.size() > 0
                ? Templates.render(arguments.get(0).asText(""), context)
                : input;
        String expected = Templates.render(condition.path("value").asText(""), context);
        all &= Conditions.test(condition.path("type").asText(), value, expected);
      }
      if (all) {
        output.put("matched", transition.path("conditions").path(0).path("friendly_name").asText());
        return Outcome.choose("match", transition, output);
      }
    }
    return Outcome.leave("noMatch", output);
  }

  private Outcome setVariables(ObjectNode context, JsonNode properties) {
    ObjectNode variables = ((ObjectNode) context.path("flow")).with("variables");
    for (JsonNode variable : properties.path("variables")) {
      variables.put(
          variable.path("key").asText(),
          Templates.render(variable.path("value").asText(""), context));
    }
    return Outcome.leave("next", StudioJson.MAPPER.createObjectNode());
  }

  /**
   * Hands the chat to agents: until routing exists this ends the flow's part in the conversation
   * (its studio webhook goes, as Flex removes it once a task is made, so the visitor's next
   * messages reach agents only) and the chat, with no active execution left, shows in the console's
   * waiting list. The rendered task attributes are kept in the step's context.
   */
  private Outcome sendToFlex(
      Tx tx, StudioExecutionRecord execution, ObjectNode context, JsonNode properties) {
    ObjectNode output = StudioJson.MAPPER.createObjectNode();
    if (execution.conversationSid() == null) {
      output.put("error", "only a conversation can be sent to Flex");
      return Outcome.leave("failedToEnqueue", output);
    }
    String attributes = Templates.render(properties.path("attributes").asText("{}"), context);
    try {
      output.set("task_attributes", StudioJson.MAPPER.readTree(attributes));
    } catch (java.io.IOException e) {
      output.put("error", "attributes are not JSON after rendering");
      return Outcome.leave("failedToEnqueue", output);
    }
    // From a subflow, the chat leaves the flows that ran it too: the parent's webhook goes.
    java.util.Set<String> flows = subflows.flowChain(tx, execution, context);
    for (ConversationWebhookRecord webhook :
        store.conversationWebhooks().all(tx, execution.conversationSid())) {
      if ("studio".equals(webhook.target()) && flows.contains(webhook.flowSid())) {
        store.conversationWebhooks().delete(tx, webhook.sid());
      }
    }
    output.put("conversation_sid", execution.conversationSid());
    return Outcome.leave("callComplete", output);
  }

  /** A widget type Parley accepts in a definition but does not run. */
  static final class UnsupportedWidget extends RuntimeException {
    UnsupportedWidget(String type) {
      super("Widget type " + type + " is not run by Parley");
    }
  }
}
