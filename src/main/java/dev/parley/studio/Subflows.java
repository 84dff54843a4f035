package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioRevisionRecord;
import dev.parley.store.Tx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Run Subflow (https://www.twilio.com/docs/studio/widget-library/run-subflow and
 * /docs/studio/subflows): which flow and revision the widget names, what the child gets ({@code
 * trigger.*} of the parent plus {@code trigger.parent.parameters}) and what it gives back ({@code
 * widgets.<name>.<key>} for each of its {@code flow.variables}). On Twilio the subflow's steps are
 * part of the parent's execution; in Parley the child is an execution of its own flow, in the same
 * conversation, and the parent waits on it (no deadline of its own: the child's waits have theirs).
 */
final class Subflows {
  static final String TYPE = "run-subflow";

  /** Twilio allows one level: a subflow cannot run another subflow. */
  static final int MAX_DEPTH = 1;

  static final String LATEST_PUBLISHED = "LatestPublished";

  /** The latest revision, for the parent's test users (Twilio's editor calls it Latest Draft). */
  static final Set<String> LATEST_REVISION = Set.of("LatestRevision", "LatestDraft");

  private final Store store;

  Subflows(Store store) {
    this.store = store;
  }

  /** The flow and revision a child runs. */
  record Target(StudioFlowRecord flow, int revision) {}

  /** Why the widget cannot start its subflow: it leaves on {@code failed} with this error. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * The flow the widget names, in the parent's account, and its revision; refused past the depth
   * limit, for a flow already running in the conversation (a flow calling itself, or one up the
   * chain), or for a revision that cannot run.
   */
  Target resolve(Tx tx, StudioExecutionRecord parent, ObjectNode context, JsonNode properties) {
    String flowSid = properties.path("flow_sid").asText("").trim();
    if (flowSid.isEmpty()) {
      throw new Refused("flow_sid is required");
    }
    if (ancestors(tx, context).size() >= MAX_DEPTH) {
      throw new Refused(
          "a subflow cannot run another subflow (Studio allows "
              + MAX_DEPTH
              + " level of nesting)");
    }
    StudioFlowRecord flow =
        store
            .studio()
            .findFlow(tx, parent.accountSid(), flowSid)
            .orElseThrow(() -> new Refused("no flow " + flowSid + " in this account"));
    if (parent.conversationSid() != null
        && store.studio().activeInConversation(tx, parent.conversationSid(), flowSid).isPresent()) {
      throw new Refused(
          "flow " + flowSid + " already runs in this conversation: a flow cannot run itself");
    }
    return new Target(flow, revision(tx, parent, flow, properties.path("flow_revision")));
  }

  private int revision(
      Tx tx, StudioExecutionRecord parent, StudioFlowRecord flow, JsonNode property) {
    String text = property.asText("").trim();
    if (text.isEmpty() || LATEST_PUBLISHED.equals(text)) {
      return published(flow);
    }
    if (LATEST_REVISION.contains(text)) {
      // As on Twilio: the parent flow's test users get the latest revision, everyone else the
      // published one.
      StudioFlowRecord parentFlow =
          store.studio().findFlow(tx, parent.accountSid(), parent.flowSid()).orElseThrow();
      boolean testUser = testUsers(tx, parentFlow).contains(parent.contactChannelAddress());
      return testUser && usable(tx, flow.sid(), flow.revision())
          ? flow.revision()
          : published(flow);
    }
    int number;
    try {
      number = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new Refused(
          "flow_revision must be LatestPublished, LatestRevision or a revision number, not "
              + abbreviate(text));
    }
    if (!usable(tx, flow.sid(), number)) {
      throw new Refused("flow " + flow.sid() + " has no valid revision " + number);
    }
    return number;
  }

  private static int published(StudioFlowRecord flow) {
    if (flow.published() == null) {
      throw new Refused("flow " + flow.sid() + " has no published revision");
    }
    return flow.published();
  }

  private boolean usable(Tx tx, String flowSid, int revision) {
    return store
        .studio()
        .findRevision(tx, flowSid, revision)
        .map(StudioRevisionRecord::valid)
        .orElse(false);
  }

  private List<String> testUsers(Tx tx, StudioFlowRecord flow) {
    List<String> users = new ArrayList<>();
    StudioJson.read(store.studio().testUsers(tx, flow.sid())).forEach(u -> users.add(u.asText()));
    return users;
  }

  /**
   * The child's trigger: the parent's, as Twilio copies it (so {@code trigger.conversation.*} still
   * reads), with {@code parent}: the rendered {@code parameters} and which execution and widget
   * wait for it.
   */
  static ObjectNode trigger(
      ObjectNode context, StudioExecutionRecord parent, String widget, JsonNode properties) {
    ObjectNode trigger = ((ObjectNode) context.path("trigger")).deepCopy();
    ObjectNode from = trigger.putObject("parent");
    ObjectNode parameters = from.putObject("parameters");
    for (JsonNode parameter : properties.path("parameters")) {
      String key = Templates.render(parameter.path("key").asText(""), context);
      String value = Templates.render(parameter.path("value").asText(""), context);
      if ("json".equalsIgnoreCase(parameter.path("type").asText(""))) {
        parameters.set(key, jsonOrText(value));
      } else {
        parameters.put(key, value);
      }
    }
    from.put("flow_sid", parent.flowSid()).put("execution_sid", parent.sid()).put("widget", widget);
    return trigger;
  }

  /** "Parse as JSON object": the value as JSON when it reads as JSON, else as text. */
  private static JsonNode jsonOrText(String value) {
    try {
      return StudioJson.MAPPER.readTree(value);
    } catch (IOException notJson) {
      return StudioJson.MAPPER.getNodeFactory().textNode(value);
    }
  }

  /** What the parent's widget is left with once its child ended: the child's variables. */
  static Outcome ended(ObjectNode childContext, String failure) {
    ObjectNode output = StudioJson.MAPPER.createObjectNode();
    JsonNode variables = childContext.path("flow").path("variables");
    if (variables.isObject()) {
      output.setAll((ObjectNode) variables.deepCopy());
    }
    if (failure != null) {
      output.put("error", failure);
      return Outcome.leave("failed", output);
    }
    return Outcome.leave("completed", output);
  }

  /** The executions that wait on this one, nearest first (none for a top-level execution). */
  List<StudioExecutionRecord> ancestors(Tx tx, JsonNode context) {
    List<StudioExecutionRecord> chain = new ArrayList<>();
    JsonNode parent = context.path("trigger").path("parent");
    // Bounded: the depth limit keeps chains short; a damaged context must not loop.
    while (parent.has("execution_sid") && chain.size() <= MAX_DEPTH) {
      Optional<StudioExecutionRecord> found =
          store
              .studio()
              .findExecution(
                  tx, parent.path("flow_sid").asText(), parent.path("execution_sid").asText());
      if (found.isEmpty()) {
        break;
      }
      chain.add(found.get());
      parent = StudioJson.read(found.get().context()).path("trigger").path("parent");
    }
    return chain;
  }

  /** The flows of an execution and of those waiting on it: send-to-flex ends them all. */
  Set<String> flowChain(Tx tx, StudioExecutionRecord execution, JsonNode context) {
    Set<String> flows = new LinkedHashSet<>();
    flows.add(execution.flowSid());
    ancestors(tx, context).forEach(a -> flows.add(a.flowSid()));
    return flows;
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
