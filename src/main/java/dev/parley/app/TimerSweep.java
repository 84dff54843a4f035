package dev.parley.app;

import dev.parley.conversation.ConversationService;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fires due conversation timers once a second, off the event loop. */
final class TimerSweep {
  private static final Logger log = LoggerFactory.getLogger(TimerSweep.class);
  private static final long PERIOD_MILLIS = 1000;

  private TimerSweep() {}

  static void start(Vertx vertx, ConversationService conversations) {
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
  }
}
