package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.loggedIn;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.media.MediaLimits;
import dev.parley.testing.ParleyServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's token names the server's media limits, so the console refuses a file before a byte
 * is sent for the same reasons the Media Content Service would.
 */
class ConsoleMediaLimitsTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer()
          .withMedia(
              new MediaLimits(
                  1L << 20,
                  3,
                  2L << 20,
                  List.of("image/*", "application/pdf"),
                  Duration.ofHours(1)));

  @Test
  void the_console_token_names_the_configured_media_limits() {
    LoggedIn ann = loggedIn(server, "ann", "Ann");

    ann.change(server)
        .post("/console/token")
        .then()
        .statusCode(200)
        .body("media_limits.max_file_bytes", equalTo(1 << 20))
        .body("media_limits.max_per_message", equalTo(3))
        .body("media_limits.max_per_message_bytes", equalTo(2 << 20))
        .body("media_limits.accepted_types", contains("image/*", "application/pdf"));
  }
}
