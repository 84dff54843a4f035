package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioStepRecord;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs executions inside the caller's transaction: from the trigger, from a reply to a waiting
 * widget, or from its timeout, until the flow ends or waits again. Each transition is a step; the
 * execution's context and wait are saved once per run, so a restart resumes where it waited.
 */
final class FlowEngine {
  private static final Logger log = LoggerFactory.getLogger(FlowEngine.class);

  /** Steps one run may take before the execution is ended: a loop in a flow must not spin. */
  static final int MAX_STEPS_PER_RUN = 100;

  static final String ENDED = "Ended";
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final WidgetRunner widgets;
  private final FlowCaller caller;
  private final Subflows subflows;

  FlowEngine(
      Store store,
      Clock clock,
      SidGenerator sids,
      WidgetRunner widgets,
      FlowCaller caller,
      Subflows subflows) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.widgets = widgets;
    this.caller = caller;
    this.subflows = subflows;
  }

  /** A new execution of the flow's {@code revision}, run until it waits or ends. */
  StudioExecutionRecord start(Tx tx, StudioFlowRecord flow, int revision, Start start) {
    return begin(tx, flow, revision, start, false).execution;
  }

  /**
   * Starts and runs an execution; {@code inline} for a subflow's child started by its parent's run,
   * which reads how the child ended from the returned run rather than being resumed by it.
   */
  private Run begin(Tx tx, StudioFlowRecord flow, int revision, Start start, boolean inline) {
    Instant now = clock.instant();
    String sid = sids.next(SidPrefix.STUDIO_EXECUTION);
    ObjectNode context = StudioJson.MAPPER.createObjectNode();
    ObjectNode flowNode = context.putObject("flow");
    flowNode.put("flow_sid", flow.sid()).put("sid", sid).put("revision", revision);
    flowNode.putObject("channel").put("address", start.flowAddress());
    flowNode.set("data", start.data());
    flowNode.putObject("variables");
    context.putObject("contact").putObject("channel").put("address", start.contact());
    context.set("trigger", start.trigger());
    context.putObject("widgets");
    Run run =
        new Run(
            new StudioExecutionRecord(
                sid,
                flow.accountSid(),
                flow.sid(),
                revision,
                start.contact(),
                start.serviceSid(),
                start.conversationSid(),
                "active",
                StudioJson.write(context),
                null,
                null,
                now,
                now),
            context,
            definition(tx, flow.sid(), revision));
    run.inline = inline;
    store.studio().insertExecution(tx, run.execution);
    String trigger = run.definition.path("initial_state").asText();
    String next = next(run.state(trigger), start.event(), null);
    step(tx, run, start.event(), trigger, next, start.trigger());
    advance(tx, run, next);
    return run;
  }

  /**
   * The contact's reply to the widget the execution waits on (or, for one waiting on a subflow, to
   * the widget its child waits on); false when nothing waits for a reply.
   */
  boolean reply(Tx tx, StudioExecutionRecord execution, ObjectNode inbound) {
    String waiting = execution.waiting();
    if (waiting == null) {
      return false;
    }
    if (waitsOnChild(execution)) {
      return child(tx, execution).map(child -> reply(tx, child, inbound)).orElse(false);
    }
    Run run = resume(tx, execution);
    // A widget parked on an HTTP call is busy, not waiting for the contact.
    if (!"send-and-wait-for-reply".equals(run.state(waiting).path("type").asText())
        || !store.studio().claimWait(tx, execution.sid(), waiting, execution.waitUntil())) {
      return false;
    }
    ObjectNode output = run.widgets().with(waiting);
    output.set("inbound", inbound);
    String next = next(run.state(waiting), "incomingMessage", null);
    step(tx, run, "incomingMessage", waiting, next, output);
    advance(tx, run, next);
    return true;
  }

  /**
   * The wait's timeout: a reply's widget leaves on {@code timeout}; a call's widget (its answer
   * lost, the node having stopped during the call) on its failure event. False when it no longer
   * waits.
   */
  boolean timeOut(Tx tx, StudioExecutionRecord execution) {
    String waiting = execution.waiting();
    if (waiting == null
        || !store.studio().claimWait(tx, execution.sid(), waiting, execution.waitUntil())) {
      return false;
    }
    Run run = resume(tx, execution);
    String type = run.state(waiting).path("type").asText();
    if (HttpWidgets.handles(type)) {
      Outcome lost = HttpWidgets.failed(type, "no answer recorded: the call was interrupted");
      finish(tx, run, waiting, lost);
      return true;
    }
    String next = next(run.state(waiting), "timeout", null);
    step(tx, run, "timeout", waiting, next, run.widgets().with(waiting));
    advance(tx, run, next);
    return true;
  }

  /** A parked call's answer (or failure): false when the execution no longer waits for it. */
  boolean answered(Tx tx, StudioExecutionRecord execution, Outcome outcome) {
    String waiting = execution.waiting();
    if (waiting == null
        || !store.studio().claimWait(tx, execution.sid(), waiting, execution.waitUntil())) {
      return false;
    }
    finish(tx, resume(tx, execution), waiting, outcome);
    return true;
  }

  private void finish(Tx tx, Run run, String widget, Outcome outcome) {
    run.widgets().set(widget, outcome.output());
    String next = next(run.state(widget), outcome.event(), null);
    step(tx, run, outcome.event(), widget, next, outcome.output());
    advance(tx, run, next);
  }

  /**
   * Ends an execution where it stands (the REST API's {@code Status=ended}), with the subflow it
   * waits on; a parent waiting on it leaves its Run Subflow widget on {@code failed}.
   */
  StudioExecutionRecord end(Tx tx, StudioExecutionRecord execution) {
    StudioExecutionRecord ended = endChain(tx, execution);
    Run run = resume(tx, ended);
    run.failure = "the subflow's execution " + ended.sid() + " was ended";
    returnToParent(tx, run);
    return ended;
  }

  private StudioExecutionRecord endChain(Tx tx, StudioExecutionRecord execution) {
    StudioExecutionRecord ended = withState(execution, "ended", execution.context(), null, null);
    store.studio().updateExecution(tx, ended);
    if (waitsOnChild(execution)) {
      child(tx, execution).filter(StudioExecutionRecord::active).ifPresent(c -> endChain(tx, c));
    }
    return ended;
  }

  /** A wait with no deadline is on a subflow's execution (replies and calls have deadlines). */
  private static boolean waitsOnChild(StudioExecutionRecord execution) {
    return execution.waiting() != null && execution.waitUntil() == null;
  }

  /** The child execution a parent's Run Subflow widget waits on. */
  private Optional<StudioExecutionRecord> child(Tx tx, StudioExecutionRecord parent) {
    JsonNode waitsOn = StudioJson.read(parent.context()).path("widgets").path(parent.waiting());
    return store
        .studio()
        .findExecution(
            tx, waitsOn.path("flow_sid").asText(), waitsOn.path("execution_sid").asText());
  }

  /**
   * Starts the subflow the widget names: a child that ends at once gives its outcome now; one that
   * waits (a reply, a call) parks this execution until it ends ({@link #returnToParent}).
   */
  private Outcome runSubflow(Tx tx, Run run, String widget, JsonNode state) {
    Subflows.Target target;
    ObjectNode trigger;
    try {
      target = subflows.resolve(tx, run.execution, run.context, state.path("properties"));
      trigger = Subflows.trigger(run.context, run.execution, widget, state.path("properties"));
    } catch (Subflows.Refused | Templates.TemplateException e) {
      return Outcome.leave(
          "failed", StudioJson.MAPPER.createObjectNode().put("error", e.getMessage()));
    }
    JsonNode data = run.context.path("flow").path("data");
    Run child =
        begin(
            tx,
            target.flow(),
            target.revision(),
            new Start(
                "incomingParent",
                run.context.path("flow").path("channel").path("address").asText(""),
                run.execution.contactChannelAddress(),
                run.execution.serviceSid(),
                run.execution.conversationSid(),
                trigger,
                data.isObject()
                    ? ((ObjectNode) data).deepCopy()
                    : StudioJson.MAPPER.createObjectNode()),
            true);
    if (child.execution.active()) {
      ObjectNode waitsOn = StudioJson.MAPPER.createObjectNode();
      waitsOn
          .put("flow_sid", child.execution.flowSid())
          .put("execution_sid", child.execution.sid());
      return Outcome.child(waitsOn);
    }
    return Subflows.ended(child.context, child.failure);
  }

  /**
   * A child that ended after its parent parked: the parent's Run Subflow widget leaves on {@code
   * completed} with the child's variables, or {@code failed}, and the parent runs on.
   */
  private void returnToParent(Tx tx, Run child) {
    JsonNode parent = child.context.path("trigger").path("parent");
    if (child.inline || !parent.has("execution_sid")) {
      return;
    }
    String widget = parent.path("widget").asText();
    Optional<StudioExecutionRecord> waiting =
        store
            .studio()
            .findExecution(
                tx, parent.path("flow_sid").asText(), parent.path("execution_sid").asText())
            .filter(p -> p.active() && widget.equals(p.waiting()) && waitsOnChild(p));
    if (waiting.isEmpty()) {
      return;
    }
    Run run = resume(tx, waiting.get());
    boolean mine =
        child.execution.sid().equals(run.widgets().path(widget).path("execution_sid").asText());
    if (mine && store.studio().claimWait(tx, run.execution.sid(), widget, null)) {
      finish(tx, run, widget, Subflows.ended(child.context, child.failure));
    }
  }

  private void advance(Tx tx, Run run, String first) {
    String current = first;
    int steps = 0;
    while (current != null) {
      JsonNode state = run.state(current);
      if (++steps > MAX_STEPS_PER_RUN) {
        fail(tx, run, current, "more than " + MAX_STEPS_PER_RUN + " steps without a wait");
        return;
      }
      Outcome outcome;
      try {
        outcome =
            Subflows.TYPE.equals(state.path("type").asText())
                ? runSubflow(tx, run, current, state)
                : widgets.run(tx, run.execution, run.context, state);
      } catch (WidgetRunner.UnsupportedWidget | Templates.TemplateException e) {
        fail(tx, run, current, e.getMessage());
        return;
      }
      run.widgets().set(current, outcome.output());
      if (outcome.waits()) {
        save(tx, run, "active", current, outcome.waitUntil());
        if (outcome.call() != null) {
          StudioExecutionRecord parked = run.execution;
          HttpWidgets.Request call = outcome.call();
          tx.afterCommit(() -> caller.dispatch(parked, call));
        }
        return;
      }
      String next = next(state, outcome.event(), outcome.transition());
      step(tx, run, outcome.event(), current, next, outcome.output());
      current = next;
    }
    save(tx, run, "ended", null, null);
    returnToParent(tx, run);
  }

  /** A widget that cannot run ends the execution with a step saying why. */
  private void fail(Tx tx, Run run, String widget, String why) {
    log.info(
        "event=studio_execution_failed execution={} widget={} reason=\"{}\"",
        run.execution.sid(),
        widget,
        why);
    ObjectNode error = StudioJson.MAPPER.createObjectNode().put("error", why);
    run.widgets().set(widget, error);
    step(tx, run, "failed", widget, null, error);
    save(tx, run, "ended", null, null);
    run.failure = "widget " + widget + " failed: " + why;
    returnToParent(tx, run);
  }

  /** The transition's target for {@code event}: the chosen one for a split; null to end. */
  private static String next(JsonNode state, String event, JsonNode chosen) {
    JsonNode transition = chosen;
    if (transition == null) {
      for (JsonNode t : state.path("transitions")) {
        if (event.equals(t.path("event").asText())) {
          transition = t;
          break;
        }
      }
    }
    String next = transition == null ? "" : transition.path("next").asText("");
    return next.isEmpty() ? null : next;
  }

  private void step(Tx tx, Run run, String name, String from, String to, JsonNode context) {
    Instant now = clock.instant();
    store
        .studio()
        .insertStep(
            tx,
            new StudioStepRecord(
                sids.next(SidPrefix.STUDIO_STEP),
                run.execution.sid(),
                null,
                name,
                StudioJson.write(context == null ? StudioJson.MAPPER.createObjectNode() : context),
                from,
                to == null ? ENDED : to,
                now,
                now));
  }

  private void save(Tx tx, Run run, String status, String waiting, Instant waitUntil) {
    run.execution =
        withState(run.execution, status, StudioJson.write(run.context), waiting, waitUntil);
    store.studio().updateExecution(tx, run.execution);
  }

  private StudioExecutionRecord withState(
      StudioExecutionRecord e, String status, String context, String waiting, Instant waitUntil) {
    return new StudioExecutionRecord(
        e.sid(),
        e.accountSid(),
        e.flowSid(),
        e.revision(),
        e.contactChannelAddress(),
        e.serviceSid(),
        e.conversationSid(),
        status,
        context,
        waiting,
        waitUntil,
        e.dateCreated(),
        clock.instant());
  }

  private Run resume(Tx tx, StudioExecutionRecord execution) {
    return new Run(
        execution,
        (ObjectNode) StudioJson.read(execution.context()),
        definition(tx, execution.flowSid(), execution.revision()));
  }

  private JsonNode definition(Tx tx, String flowSid, int revision) {
    return StudioJson.read(
        store
            .studio()
            .findRevision(tx, flowSid, revision)
            .orElseThrow(
                () -> new IllegalStateException("no revision " + revision + " of " + flowSid))
            .definition());
  }

  /** One run of an execution: its record, its context as it changes, and its definition. */
  private static final class Run {
    StudioExecutionRecord execution;
    final ObjectNode context;
    final JsonNode definition;

    /** A subflow's child started by its parent's own run (which reads how it ended). */
    boolean inline;

    /** Why the execution ended failed (a widget that could not run), or null. */
    String failure;

    Run(StudioExecutionRecord execution, ObjectNode context, JsonNode definition) {
      this.execution = execution;
      this.context = context;
      this.definition = definition;
    }

    ObjectNode widgets() {
      return context.with("widgets");
    }

    JsonNode state(String name) {
      for (JsonNode state : definition.path("states")) {
        if (name.equals(state.path("name").asText())) {
          return state;
        }
      }
      throw new IllegalStateException("no widget " + name);
    }
  }
}
