package dev.parley.widget;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /} for a person in a browser, Twilio's JSON 404 for an API client; the favicon. */
class HomePageTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @Test
  void a_browser_opening_the_base_url_gets_a_page_linking_the_console_demo_and_docs() {
    server
        .unchecked()
        .header("Accept", BROWSER_ACCEPT)
        .get("/")
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("text/html"))
        .body(containsString("href=\"/console\""))
        .body(containsString("action=\"/widget/demo\""))
        .body(containsString("docs/widget.md"))
        .body(containsString("href=\"/favicon.ico\""));
  }

  @Test
  void an_api_client_asking_json_still_gets_twilios_404() {
    server
        .unchecked()
        .header("Accept", "application/json")
        .get("/")
        .then()
        .statusCode(404)
        .header("Content-Type", startsWith("application/json"))
        .body("code", equalTo(20404))
        .body("status", equalTo(404));
    server.unchecked().get("/").then().statusCode(404).body("code", equalTo(20404));
  }

  @Test
  void the_favicon_is_an_svg_cached_for_a_day() {
    server
        .unchecked()
        .get("/favicon.ico")
        .then()
        .statusCode(200)
        .header("Content-Type", "image/svg+xml")
        .header("Cache-Control", "public, max-age=86400")
        .body(containsString("<svg"));
  }
}
