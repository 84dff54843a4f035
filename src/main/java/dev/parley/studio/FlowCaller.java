package dev.parley.studio;

import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.webhooks.FlowCalls;
import dev.parley.webhooks.OutboundRule;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a parked execution's call once the transaction that parked it has committed (SQLite has one
 * writer: no call is made while holding it), then resumes the execution in a new transaction with
 * the answer. The resume claims the wait as a reply does, so a call answered after the timer sweep
 * failed it (the node stopped, or the answer came too late) changes nothing. A call lost to a
 * restart is failed by the sweep once the parked wait ({@link HttpWidgets#PARKED}) passes.
 */
final class FlowCaller {
  private static final Logger log = LoggerFactory.getLogger(FlowCaller.class);
  private final Store store;
  private final FlowCalls calls;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          2,
          work -> {
            Thread thread = new Thread(work, "parley-studio-calls");
            thread.setDaemon(true);
            return thread;
          });
  private FlowEngine engine;
  private volatile boolean closed;

  FlowCaller(Store store, FlowCalls calls) {
    this.store = store;
    this.calls = calls;
  }

  void bind(FlowEngine engine) {
    this.engine = engine;
  }

  /** Called after commit: hands the call to a worker at once. */
  void dispatch(StudioExecutionRecord parked, HttpWidgets.Request request) {
    if (closed) {
      return;
    }
    onWorker(() -> call(parked, request));
  }

  private void call(StudioExecutionRecord parked, HttpWidgets.Request request) {
    CompletableFuture<FlowCalls.Answer> answer;
    try {
      answer =
          request.json()
              ? calls.json(
                  parked.accountSid(),
                  request.url(),
                  request.body(),
                  request.twilioAuth(),
                  HttpWidgets.CALL_TIMEOUT_MILLIS)
              : calls.form(
                  parked.accountSid(),
                  request.post(),
                  request.url(),
                  request.params(),
                  request.signed(),
                  request.twilioAuth(),
                  HttpWidgets.CALL_TIMEOUT_MILLIS);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    if (closed) {
      return;
    }
    answer.whenCompleteAsync(
        (result, failure) ->
            resume(
                parked,
                failure == null
                    ? HttpWidgets.answered(request.type(), result)
                    : HttpWidgets.failed(request.type(), describe(failure))),
        this::onWorker);
  }

  /** Runs on a worker; nothing once stopping (the execution stays parked for the sweep). */
  private void onWorker(Runnable work) {
    try {
      workers.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      log.debug("event=studio_call_left_parked reason=stopping");
    }
  }

  /** Stops resuming: a call in flight stays parked for the timer sweep. */
  void close() {
    closed = true;
    workers.shutdownNow();
  }

  private void resume(StudioExecutionRecord parked, Outcome outcome) {
    if (closed) {
      return;
    }
    log.info(
        "event=studio_call execution={} widget={} outcome={} status={}",
        parked.sid(),
        parked.waiting(),
        outcome.event(),
        outcome.output().path("status_code").asText("-"));
    try {
      store.write(
          tx ->
              store
                  .studio()
                  .findExecution(tx, parked.flowSid(), parked.sid())
                  .filter(
                      e ->
                          Objects.equals(e.waiting(), parked.waiting())
                              && e.waitUntil() != null
                              // The store keeps milliseconds.
                              && e.waitUntil().toEpochMilli() == parked.waitUntil().toEpochMilli())
                  .map(e -> engine.answered(tx, e, outcome))
                  .orElse(false));
    } catch (RuntimeException e) {
      log.warn(
          "event=studio_call_not_resumed execution={} widget={} error={}",
          parked.sid(),
          parked.waiting(),
          e.toString());
    }
  }

  private static String describe(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof OutboundRule.Refused) {
      return "refused: " + cause.getMessage();
    }
    if (cause instanceof java.util.concurrent.TimeoutException
        || cause instanceof io.netty.handler.timeout.TimeoutException) {
      return "no answer within " + HttpWidgets.CALL_TIMEOUT_MILLIS / 1000 + " s";
    }
    if (cause instanceof IllegalArgumentException) {
      return cause.getMessage(); // a URL that is not http(s), credentials sent elsewhere
    }
    if (cause instanceof java.net.UnknownHostException) {
      return "cannot resolve " + cause.getMessage();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
