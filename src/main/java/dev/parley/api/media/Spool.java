package dev.parley.api.media;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.ReadStream;

/**
 * Copies an upload's bytes into a spool file as they arrive, pausing the sender while the disk is
 * behind, so a file of any size holds at most a few buffers in memory. Bytes beyond {@code max} are
 * counted and dropped: the upload fails with 50512 once the sender is done (or at once, and the
 * connection closes, when it sends twice the limit), never after buffering them.
 */
final class Spool {
  private Spool() {}

  /** The number of bytes copied, once {@code in} has ended and {@code out} is closed. */
  static Future<Long> copy(ReadStream<Buffer> in, AsyncFile out, long max, Runnable abort) {
    Promise<Long> done = Promise.promise();
    long[] count = {0};
    in.handler(
        buffer -> {
          count[0] += buffer.length();
          if (count[0] > max) {
            if (count[0] > 2 * max && done.tryFail(tooLarge(max))) {
              out.close();
              abort.run();
            }
            return;
          }
          out.write(buffer);
          if (out.writeQueueFull()) {
            in.pause();
            out.drainHandler(v -> in.resume());
          }
        });
    in.exceptionHandler(
        e -> {
          out.close();
          done.tryFail(e);
        });
    in.endHandler(
        v ->
            out.close()
                .onComplete(
                    closed -> {
                      if (count[0] > max) {
                        done.tryFail(tooLarge(max));
                      } else if (closed.failed()) {
                        done.tryFail(closed.cause());
                      } else {
                        done.tryComplete(count[0]);
                      }
                    }));
    in.resume();
    return done.future();
  }

  private static ApiException tooLarge(long max) {
    return new ApiException(TwilioError.MEDIA_TOO_LARGE, max);
  }
}
