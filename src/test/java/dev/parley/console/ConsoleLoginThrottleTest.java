package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.PASSWORD;
import static dev.parley.console.ConsoleFixtures.agent;
import static dev.parley.console.ConsoleFixtures.from;
import static dev.parley.console.ConsoleFixtures.login;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.agents.LoginThrottle;
import dev.parley.testing.ParleyServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Console log-in back-off, per (client address, account, identity) and per client address. Each
 * test sends from its own loopback address, so the tests' failures do not add up. The server's
 * clock stands still: a wait of one second must not run out while a loaded machine sends.
 */
class ConsoleLoginThrottleTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @BeforeAll
  static void stopTheClock() {
    server.clock().freeze();
  }

  @Test
  void answers_429_with_retry_after_once_one_log_in_failed_five_times_from_an_address() {
    agent(server, "kim", "Kim");
    failLogins("127.0.0.11", "kim", LoginThrottle.FREE_PER_LOGIN);

    login(from(server, "127.0.0.11"), "kim", PASSWORD)
        .then()
        .statusCode(429)
        .header("Retry-After", "1")
        .body("code", equalTo(20429))
        .body("status", equalTo(429))
        .body("message", equalTo("Too many requests: retry after 1 seconds"))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/20429"));
  }

  @Test
  void doubles_the_wait_after_each_further_failure() {
    agent(server, "lee", "Lee");
    failLogins("127.0.0.12", "lee", LoginThrottle.FREE_PER_LOGIN);

    server.clock().advance(Duration.ofSeconds(1));
    failLogins("127.0.0.12", "lee", 1);

    login(from(server, "127.0.0.12"), "lee", PASSWORD)
        .then()
        .statusCode(429)
        .header("Retry-After", "2");
    server.clock().advance(Duration.ofSeconds(2));
    failLogins("127.0.0.12", "lee", 1);
    login(from(server, "127.0.0.12"), "lee", PASSWORD)
        .then()
        .statusCode(429)
        .header("Retry-After", "4");
  }

  @Test
  void caps_the_wait_at_fifteen_minutes() {
    agent(server, "mae", "Mae");
    failLogins("127.0.0.13", "mae", LoginThrottle.FREE_PER_LOGIN);
    for (int i = 0; i < 12; i++) {
      server.clock().advance(LoginThrottle.MAX_WAIT);
      failLogins("127.0.0.13", "mae", 1);
    }

    login(from(server, "127.0.0.13"), "mae", PASSWORD)
        .then()
        .statusCode(429)
        .header("Retry-After", "900");
  }

  @Test
  void logs_in_from_another_address_while_one_address_must_wait() {
    agent(server, "ned", "Ned");
    failLogins("127.0.0.14", "ned", LoginThrottle.FREE_PER_LOGIN);
    login(from(server, "127.0.0.14"), "ned", PASSWORD).then().statusCode(429);

    login(from(server, "127.0.0.15"), "ned", PASSWORD)
        .then()
        .statusCode(200)
        .body("agent.identity", equalTo("ned"));
  }

  @Test
  void throttles_an_address_that_sprays_one_password_over_many_identities() {
    for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
      failLogins("127.0.0.16", "sprayed-" + i, 1);
    }

    login(from(server, "127.0.0.16"), "sprayed-next", "Summer2026!")
        .then()
        .statusCode(429)
        .header("Retry-After", "1");
    login(from(server, "127.0.0.17"), "sprayed-next", "Summer2026!").then().statusCode(401);
  }

  @Test
  void a_right_password_clears_the_failures_of_that_log_in() {
    agent(server, "oli", "Oli");
    failLogins("127.0.0.18", "oli", LoginThrottle.FREE_PER_LOGIN - 1);
    login(from(server, "127.0.0.18"), "oli", PASSWORD).then().statusCode(200);

    failLogins("127.0.0.18", "oli", LoginThrottle.FREE_PER_LOGIN - 1);

    login(from(server, "127.0.0.18"), "oli", PASSWORD).then().statusCode(200);
  }

  /** {@code times} wrong passwords for {@code identity} from {@code address}, each a 401. */
  private static void failLogins(String address, String identity, int times) {
    for (int i = 0; i < times; i++) {
      login(from(server, address), identity, "wrong password " + i).then().statusCode(401);
    }
  }
}
