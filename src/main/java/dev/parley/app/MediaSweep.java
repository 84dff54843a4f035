package dev.parley.app;

import dev.parley.media.MediaService;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps media every few seconds, off the event loop (docs/media.md, "When media go"): uploads left
 * unattached too long, and the bytes of media whose message, conversation or service went.
 */
final class MediaSweep {
  private static final Logger log = LoggerFactory.getLogger(MediaSweep.class);
  private static final long PERIOD_MILLIS = 2000;

  private MediaSweep() {}

  static void start(Vertx vertx, MediaService media) {
    vertx.setPeriodic(
        PERIOD_MILLIS,
        timer ->
            vertx
                .executeBlocking(media::sweep, false)
                .onSuccess(
                    deleted -> {
                      if (deleted > 0) {
                        log.info("event=media_swept media={}", deleted);
                      }
                    })
                .onFailure(failure -> log.error("event=media_sweep_failed", failure)));
  }
}
