package dev.parley.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioStepRecord;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Executions of an account's flows (https://www.twilio.com/docs/studio/rest-api/v2/execution): the
 * REST trigger, their steps and contexts, ending and deleting them, and the timer sweep's timeouts.
 * Everything is scoped to the account: another account's flow is a 404.
 */
public final class StudioExecutions {
  /** Timeouts handled per sweep, each in its own transaction. */
  private static final int SWEEP_BATCH = 100;

  private final Store store;
  private final Clock clock;
  private final StudioFlows flows;
  private final FlowEngine engine;
  private final FlowCaller caller;

  StudioExecutions(
      Store store, Clock clock, StudioFlows flows, FlowEngine engine, FlowCaller caller) {
    this.store = store;
    this.clock = clock;
    this.flows = flows;
    this.engine = engine;
    this.caller = caller;
  }

  /**
   * Starts the flow for {@code To} with {@code trigger.request} and {@code flow.data}, as Twilio's
   * REST API trigger; 409 when the flow was never published or already runs for that contact.
   */
  public StudioExecutionRecord create(String accountSid, String flowSid, NewExecution request) {
    ObjectNode data =
        request.parameters() == null
            ? StudioJson.MAPPER.createObjectNode()
            : StudioJson.definition("Parameters", request.parameters());
    return store.write(
        tx -> {
          StudioFlowRecord flow = flows.flow(tx, accountSid, flowSid);
          if (flow.published() == null) {
            throw new ApiException(TwilioError.FLOW_NOT_PUBLISHED, flowSid);
          }
          if (store.studio().activeForContact(tx, flowSid, request.to())) {
            throw new ApiException(TwilioError.EXECUTION_ACTIVE, flowSid, request.to());
          }
          ObjectNode trigger = StudioJson.MAPPER.createObjectNode();
          ObjectNode req = trigger.putObject("request");
          req.put("from", request.from()).put("to", request.to());
          req.set("parameters", data.deepCopy());
          StudioExecutionRecord started =
              engine.start(
                  tx,
                  flow,
                  flow.published(),
                  new Start(
                      "incomingRequest", request.from(), request.to(), null, null, trigger, data));
          return store.studio().findExecution(tx, flowSid, started.sid()).orElseThrow();
        });
  }

  public StudioExecutionRecord find(String accountSid, String flowSid, String sid) {
    return store.read(tx -> execution(tx, accountSid, flowSid, sid));
  }

  public Slice<StudioExecutionRecord> page(
      String accountSid, String flowSid, Instant from, Instant to, PageRequest page) {
    return store.read(
        tx -> {
          flows.flow(tx, accountSid, flowSid);
          return store.studio().executions(tx, flowSid, from, to, page);
        });
  }

  /** {@code Status=ended}: ends an active execution; an ended one stays as it is. */
  public StudioExecutionRecord end(String accountSid, String flowSid, String sid) {
    return store.write(
        tx -> {
          StudioExecutionRecord execution = execution(tx, accountSid, flowSid, sid);
          return execution.active() ? engine.end(tx, execution) : execution;
        });
  }

  public void delete(String accountSid, String flowSid, String sid) {
    store.write(
        tx -> {
          store.studio().deleteExecution(tx, execution(tx, accountSid, flowSid, sid).sid());
          return null;
        });
  }

  public Slice<StudioStepRecord> steps(
      String accountSid, String flowSid, String executionSid, PageRequest page) {
    return store.read(
        tx ->
            store.studio().steps(tx, execution(tx, accountSid, flowSid, executionSid).sid(), page));
  }

  public StudioStepRecord step(String accountSid, String flowSid, String executionSid, String sid) {
    return store.read(
        tx ->
            store
                .studio()
                .findStep(tx, execution(tx, accountSid, flowSid, executionSid).sid(), sid)
                .orElseThrow(ApiException::notFound));
  }

  /**
   * Fires the waits whose timeout has passed, each in its own transaction (the timer sweep calls
   * this every second); returns how many fired.
   */
  public int fireDueWaits() {
    List<StudioExecutionRecord> due =
        store.read(tx -> store.studio().timedOut(tx, clock.instant(), SWEEP_BATCH));
    int fired = 0;
    for (StudioExecutionRecord candidate : due) {
      // Read again in the transaction: a reply may have moved it on since.
      boolean timedOut =
          store.write(
              tx ->
                  store
                      .studio()
                      .findExecution(tx, candidate.flowSid(), candidate.sid())
                      .filter(e -> e.waitUntil() != null && !e.waitUntil().isAfter(clock.instant()))
                      .map(e -> engine.timeOut(tx, e))
                      .orElse(false));
      if (timedOut) {
        fired++;
      }
    }
    return fired;
  }

  /**
   * Stops resuming executions from their calls: one still in flight stays parked, and the timer
   * sweep fails it once its wait passes (on this node after a restart, or on another).
   */
  public void close() {
    caller.close();
  }

  private StudioExecutionRecord execution(Tx tx, String accountSid, String flowSid, String sid) {
    flows.flow(tx, accountSid, flowSid);
    return store.studio().findExecution(tx, flowSid, sid).orElseThrow(ApiException::notFound);
  }
}
