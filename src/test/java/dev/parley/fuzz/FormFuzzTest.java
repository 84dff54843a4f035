package dev.parley.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.testing.ParleyServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of form bodies and query strings through the real wire: the fuzzer's
 * bytes go, exactly as they are, as the form body of a POST or the query string of a GET to one of
 * Parley's Conversations routes, and every answer is below 500 and JSON, Twilio's error shape when
 * it is an error. Vert.x decodes the form; this covers that decoding, {@code Params} and the
 * handlers' checks behind it. Replays {@code FormFuzzTestInputs/} in every run; fuzzes with {@code
 * JAZZER_FUZZ=1} (docs/testing.md).
 */
class FormFuzzTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static RawHttp http;
  private static List<String> posts;
  private static List<String> gets;

  @BeforeAll
  static void a_conversation_to_aim_at() {
    String conversation =
        server
            .api()
            .formParam("FriendlyName", "fuzz")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String path = "/v1/Conversations/" + conversation;
    posts =
        List.of(
            "/v1/Conversations",
            path,
            path + "/Messages",
            path + "/Participants",
            "/v1/Users",
            "/v2/WebChats");
    gets = List.of("/v1/Conversations", path + "/Messages", path + "/Participants", "/v1/Users");
    http = new RawHttp(server.port(), ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN);
  }

  /** The last byte picks the route; the rest is the body sent as is. */
  @FuzzTest(maxDuration = "3m")
  void a_form_body_is_answered_below_500_in_twilio_shape(FuzzedDataProvider data) {
    // Jazzer's SSRF detector flags every connection: these targets' own requests and their
    // server's to its PostgreSQL store. Set here, as the agent is not there in @BeforeAll.
    BugDetectors.allowNetworkConnections();
    String route = posts.get(data.consumeInt(0, posts.size() - 1));
    byte[] body = data.consumeRemainingAsBytes();

    RawHttp.Response response = http.postForm(route, body);

    response.assertTwilioShaped();
  }

  /**
   * The last byte picks the route; the rest, kept to the characters a request line may carry, is
   * the query string.
   */
  @FuzzTest(maxDuration = "2m")
  void a_query_string_is_answered_below_500_in_twilio_shape(FuzzedDataProvider data) {
    // Jazzer's SSRF detector flags every connection: these targets' own requests and their
    // server's to its PostgreSQL store. Set here, as the agent is not there in @BeforeAll.
    BugDetectors.allowNetworkConnections();
    String route = gets.get(data.consumeInt(0, gets.size() - 1));
    String query = requestLineSafe(data.consumeRemainingAsBytes());

    RawHttp.Response response = http.get(route + "?" + query);

    response.assertTwilioShaped();
  }

  private static String requestLineSafe(byte[] bytes) {
    StringBuilder kept = new StringBuilder();
    for (byte b : bytes) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~%&=+;,/?:@!$'()*".indexOf(c) >= 0) {
        kept.append(c);
      }
    }
    return new String(
        kept.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
  }
}
