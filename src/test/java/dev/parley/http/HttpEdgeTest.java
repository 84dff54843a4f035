package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests Vert.x's codec or form decoder rejects still get a Twilio error body with the right
 * status; paths with dot segments or encoded separators never reach another resource.
 */
class HttpEdgeTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String AUTH =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(
                  (ParleyServer.ACCOUNT_SID + ":" + ParleyServer.AUTH_TOKEN)
                      .getBytes(StandardCharsets.UTF_8));

  @Test
  void answers_400_for_malformed_percent_encoding_in_a_form_body() {
    for (String body : new String[] {"Body=%ZZ%", "=novalue&&&", "a=b=c&X=%"}) {
      RawHttp.Response response = RawHttp.exchange(server.port(), post("/v1/Conversations", body));

      assertTwilioError(response, 400, 20001);
    }
  }

  @Test
  void answers_400_for_a_form_body_that_is_not_utf8() {
    for (String body : new String[] {"FriendlyName=%FF", "FriendlyName=%C3%28", "%FF=x"}) {
      RawHttp.Response response = RawHttp.exchange(server.port(), post("/v1/Conversations", body));

      assertTwilioError(response, 400, 20001);
    }
  }

  @Test
  void answers_415_for_a_multipart_body_on_a_rest_route() {
    String boundary = "b0undary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"FriendlyName\"\r\n\r\nx\r\n"
            + "--"
            + boundary
            + "--\r\n";
    String request =
        post("/v1/Conversations", body)
            .replace(
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=" + boundary);

    RawHttp.Response response = RawHttp.exchange(server.port(), request);

    assertTwilioError(response, 415, 20415);
  }

  @Test
  void a_raw_line_break_in_a_form_value_is_part_of_the_value() throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(
            server.port(), post("/v1/Conversations", "FriendlyName=one\ntwo&UniqueName=lines"));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode created = new ObjectMapper().readTree(response.body());
    assertThat(created.get("friendly_name").asText()).isEqualTo("one\ntwo");
    assertThat(created.get("unique_name").asText()).isEqualTo("lines");
  }

  @Test
  void answers_400_for_malformed_percent_encoding_in_a_query_string() {
    for (String query : new String[] {"PageSize=%ZZ%", "%ZZ%=1", "State=%", "a=b=c&X=%"}) {
      RawHttp.Response response =
          RawHttp.exchange(server.port(), get("/v1/Conversations?" + query));

      assertTwilioError(response, 400, 20001);
    }
  }

  @Test
  void answers_414_for_a_request_line_too_long() {
    RawHttp.Response response =
        RawHttp.exchange(server.port(), get("/v1/Conversations?x=" + "a".repeat(20_000)));

    assertTwilioError(response, 414, 20414);
  }

  @Test
  void answers_431_for_headers_too_large() {
    String request =
        "GET /v1/Conversations HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";

    RawHttp.Response response = RawHttp.exchange(server.port(), request);

    assertTwilioError(response, 431, 20431);
  }

  @Test
  void answers_400_for_a_request_line_that_is_not_http() {
    RawHttp.Response response =
        RawHttp.exchange(server.port(), "GET /v1/Conversations HTTP/1.1 extra\r\nHost: x\r\n\r\n");

    assertTwilioError(response, 400, 20001);
  }

  @Test
  void answers_413_for_a_chunked_body_over_one_megabyte() {
    StringBuilder request =
        new StringBuilder(
            "POST /v1/Conversations HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + AUTH
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
    String chunk = "Attributes=" + "x".repeat(65_525);
    for (int i = 0; i < 20; i++) {
      request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk);
      request.append("\r\n");
      chunk = "x".repeat(65_536);
    }
    request.append("0\r\n\r\n");

    RawHttp.Response response = RawHttp.exchange(server.port(), request.toString());

    assertTwilioError(response, 413, 20413);
  }

  @Test
  void answers_400_for_too_many_form_fields() {
    StringBuilder body = new StringBuilder("FriendlyName=x");
    for (int i = 0; i < 2_000; i++) {
      body.append("&F").append(i).append("=1");
    }

    RawHttp.Response response =
        RawHttp.exchange(server.port(), post("/v1/Conversations", body.toString()));

    assertTwilioError(response, 400, 20001);
  }

  @Test
  void a_dot_dot_segment_never_deletes_the_conversation_above_it() {
    String conversation = new ConversationFixtures(server).conversationWith("ann");

    RawHttp.Response response =
        RawHttp.exchange(
            server.port(),
            request("DELETE", "/v1/Conversations/" + conversation + "/Participants/.."));

    assertTwilioError(response, 404, 20404);
    server.api().get("/v1/Conversations/" + conversation).then().statusCode(200);
  }

  @Test
  void encoded_dots_and_slashes_in_a_path_are_not_found() {
    String conversation = new ConversationFixtures(server).conversationWith("bob");
    String base = "/v1/Conversations/" + conversation + "/Participants/";

    for (String tail : new String[] {"%2e%2e", "%2E%2E", ".", "x%2Fy", "x%5Cy", "..%2F", "%2e"}) {
      RawHttp.Response response = RawHttp.exchange(server.port(), request("DELETE", base + tail));

      assertTwilioError(response, 404, 20404);
    }
    server.api().get("/v1/Conversations/" + conversation).then().statusCode(200);
  }

  private static String get(String target) {
    return request("GET", target);
  }

  private static String request(String method, String target) {
    return method
        + " "
        + target
        + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
        + AUTH
        + "\r\nConnection: close\r\n\r\n";
  }

  private static String post(String target, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST "
        + target
        + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
        + AUTH
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        + bytes.length
        + "\r\nConnection: close\r\n\r\n"
        + body;
  }

  private static void assertTwilioError(RawHttp.Response response, int status, int code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response, e);
    }
    assertThat(body.get("code").asInt()).as(response.toString()).isEqualTo(code);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("message").asText()).isNotEmpty();
    assertThat(body.get("more_info").asText()).startsWith("https://www.twilio.com/docs/errors/");
  }
}
