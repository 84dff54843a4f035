package dev.parley.app;

import dev.parley.conversation.ConversationService;
import dev.parley.studio.StudioExecutions;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fires due conversation timers and Studio waits' timeouts once a second, off the event loop. */
final class TimerSweep {
  private static final Logger log = LoggerFactory.getLogger(TimerSweep.class);
  private static final long PERIOD_MILLIS = 1000;

  private TimerSweep() {}

  static void start(Vertx vertx, ConversationService conversations, StudioExecutions studio) {
    vertx.setPeriodic(
        PERIOD_MILLIS,
        timer ->
            vertx
                .executeBlocking(conversations::fireDueTimers, false)
                .onSuccess(
                    changed -> {
                      if (changed > 0) {
                        log.debug("event=timers_fired conversations={}", changed);
                      }
                    })
                .onFailure(failure -> log.error("event=timer_sweep_failed", failure)));
    vertx.setPeriodic(
        PERIOD_MILLIS,
        timer ->
            vertx
                .executeBlocking(studio::fireDueWaits, false)
                .onSuccess(
                    fired -> {
                      if (fired > 0) {
                        log.debug("event=studio_timeouts_fired executions={}", fired);
                      }
                    })
                .onFailure(failure -> log.error("event=studio_sweep_failed", failure)));
  }
}
