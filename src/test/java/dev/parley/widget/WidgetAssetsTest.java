package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /widget.js} and the demo page: public, cacheable, and Twilio errors for bad input. */
class WidgetAssetsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String KEY = "0123456789abcdef0123456789abcdef";

  @Test
  void serves_the_widget_as_javascript_with_caching_and_cors_headers() {
    Response response =
        server.unchecked().header("Origin", "https://shop.example.com").get("/widget.js");

    response
        .then()
        .statusCode(200)
        .header("Content-Type", "application/javascript; charset=utf-8")
        .header("Cache-Control", "public, max-age=300")
        .header("ETag", not(nullValue()))
        .header("Access-Control-Allow-Origin", "*");
    assertThat(response.asString()).contains("/v3/wsconnect").contains("/v2/Webchat/Init");
  }

  @Test
  void answers_304_to_a_matching_if_none_match() {
    String etag = server.unchecked().get("/widget.js").header("ETag");

    Response response =
        server.unchecked().header("If-None-Match", "\"other\", " + etag).get("/widget.js");

    response.then().statusCode(304).header("ETag", etag);
    assertThat(response.asByteArray()).isEmpty();
  }

  @Test
  void sends_the_gzipped_copy_to_a_client_that_accepts_it() throws IOException {
    byte[] plain = server.unchecked().get("/widget.js").asByteArray();

    Response response =
        server
            .unchecked()
            .config(
                RestAssuredConfig.config()
                    .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
            .header("Accept-Encoding", "gzip")
            .get("/widget.js");

    response.then().statusCode(200).header("Content-Encoding", "gzip");
    byte[] gzipped = response.asByteArray();
    assertThat(gzipped.length).isLessThan(plain.length / 3);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @Test
  void answers_a_head_request_with_the_headers_and_no_body() {
    String etag = server.unchecked().get("/widget.js").header("ETag");

    Response response = server.unchecked().head("/widget.js");

    response
        .then()
        .statusCode(200)
        .header("ETag", etag)
        .header("Content-Type", "application/javascript; charset=utf-8");
    assertThat(response.asByteArray()).isEmpty();
  }

  @Test
  void answers_405_with_a_twilio_error_to_a_post() {
    server
        .unchecked()
        .post("/widget.js")
        .then()
        .statusCode(405)
        .body("code", equalTo(20004))
        .body("status", equalTo(405));
  }

  @Test
  void the_demo_page_embeds_the_widget_with_the_deployment_key() {
    server
        .unchecked()
        .queryParam("DeploymentKey", KEY)
        .queryParam("Lang", "de")
        .get("/widget/demo")
        .then()
        .statusCode(200)
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .body(
            containsString(
                "<script src=\"/widget.js\" data-deployment-key=\"" + KEY + "\" data-lang=\"de\""));
  }

  @Test
  void the_demo_page_refuses_a_missing_or_malformed_key_with_code_20001() {
    for (String key : new String[] {null, "\"><script>alert(1)</script>", KEY + "0"}) {
      var request = server.unchecked();
      if (key != null) {
        request.queryParam("DeploymentKey", key);
      }

      request
          .get("/widget/demo")
          .then()
          .statusCode(400)
          .body("code", equalTo(20001))
          .body("message", containsString("DeploymentKey"))
          .body("more_info", equalTo("https://www.twilio.com/docs/errors/20001"));
    }
  }

  @Test
  void the_demo_page_refuses_an_unknown_language() {
    server
        .unchecked()
        .queryParam("DeploymentKey", KEY)
        .queryParam("Lang", "xx")
        .get("/widget/demo")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("Lang"));
  }

  @Test
  void reads_accept_encoding_weights() {
    assertThat(WidgetAssets.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(WidgetAssets.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
    assertThat(WidgetAssets.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(WidgetAssets.acceptsGzip("identity")).isFalse();
    assertThat(WidgetAssets.acceptsGzip(null)).isFalse();
  }
}
