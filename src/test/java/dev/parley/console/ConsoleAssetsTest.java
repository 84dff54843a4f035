package dev.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /console} and its script: same-origin only, cacheable script, locked-down page. */
class ConsoleAssetsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void serves_the_page_uncached_with_a_strict_content_security_policy() {
    server
        .unchecked()
        .get("/console")
        .then()
        .statusCode(200)
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("X-Frame-Options", "DENY")
        .body(containsString("/console/console.js"));
  }

  @Test
  void serves_the_script_with_caching_headers_and_no_cors() {
    Response response =
        server.unchecked().header("Origin", "https://evil.example").get("/console/console.js");

    response
        .then()
        .statusCode(200)
        .header("Content-Type", "application/javascript; charset=utf-8")
        .header("Cache-Control", "private, max-age=300")
        .header("ETag", not(nullValue()))
        .header("Access-Control-Allow-Origin", nullValue());
    assertThat(response.asString()).contains("/v3/wsconnect").contains("/console/chats");
  }

  @Test
  void answers_304_to_a_matching_if_none_match() {
    String etag = server.unchecked().get("/console/console.js").header("ETag");

    server
        .unchecked()
        .header("If-None-Match", etag)
        .get("/console/console.js")
        .then()
        .statusCode(304);
  }

  @Test
  void grants_no_cors_to_the_console_endpoints() {
    server
        .unchecked()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/console/login")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void answers_405_to_a_post_of_the_page() {
    server.unchecked().post("/console").then().statusCode(405).body("code", equalTo(20004));
  }
}
