package dev.parley.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.json.Json;
import dev.parley.testing.ParleyServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the JSON check on {@code Attributes} (every resource's, one {@code
 * Params.json}) through the real wire: the fuzzer's text, form-encoded, updates a conversation's
 * attributes. It is refused with 20001 naming {@code Attributes}, or accepted as one complete JSON
 * document, answered back as sent, readable again, and serialisable inside a larger payload the way
 * the realtime items and the console's chat list embed it. Replays {@code
 * AttributesFuzzTestInputs/} in every run; fuzzes with {@code JAZZER_FUZZ=1} (docs/testing.md).
 */
class AttributesFuzzTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  /** What a browser's {@code JSON.parse} accepts: one value, nothing after it. */
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static RawHttp http;
  private static String conversation;

  @BeforeAll
  static void a_conversation_to_update() {
    conversation =
        "/v1/Conversations/"
            + server
                .api()
                .formParam("FriendlyName", "fuzz")
                .post("/v1/Conversations")
                .then()
                .statusCode(201)
                .extract()
                .path("sid");
    http = new RawHttp(server.port(), ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN);
  }

  @FuzzTest(maxDuration = "2m")
  void attributes_are_refused_or_kept_as_valid_json(byte[] bytes) throws IOException {
    // Jazzer's SSRF detector flags every connection: these targets' own requests and their
    // server's to its PostgreSQL store. Set here, as the agent is not there in @BeforeAll.
    BugDetectors.allowNetworkConnections();
    String attributes = new String(bytes, StandardCharsets.UTF_8);
    byte[] form =
        ("Attributes=" + URLEncoder.encode(attributes, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII);

    RawHttp.Response response = http.postForm(conversation, form);

    response.assertTwilioShaped();
    if (response.status() == 400) {
      assertThat(response.json().path("code").asInt()).isEqualTo(20001);
      assertThat(response.json().path("message").asText()).contains("Attributes");
      return;
    }
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("attributes").asText()).isEqualTo(attributes);
    JsonNode parsed = STRICT.readTree(attributes);
    ObjectNode wrapped = Json.MAPPER.createObjectNode();
    wrapped.putObject("data").putObject("conversation").set("attributes", parsed);
    assertThat(Json.MAPPER.writeValueAsString(wrapped)).isNotEmpty();
    RawHttp.Response read = http.get(conversation);
    read.assertTwilioShaped();
    assertThat(read.json().path("attributes").asText()).isEqualTo(attributes);
  }
}
