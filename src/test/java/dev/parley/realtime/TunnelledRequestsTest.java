package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the SDK's encoded path and undecoded query (docs/realtime-protocol.md §2.8) become an {@link
 * UpstreamRequest}.
 */
class TunnelledRequestsTest {

  private static TwilsockFrame message(String method, String path, ObjectNode params) {
    ObjectNode header = TwilsockFrame.HEADERS.createObjectNode().put("method", "message");
    ObjectNode http = header.putObject("http_request").put("method", method).put("path", path);
    if (params != null) {
      http.set("params", params);
    }
    return new TwilsockFrame(header, new byte[0]);
  }

  private static ObjectNode params() {
    return TwilsockFrame.HEADERS.createObjectNode();
  }

  @Test
  void a_plus_in_the_path_stays_a_plus_but_is_a_space_in_the_query()
      throws MalformedFrameException {
    UpstreamRequest request =
        TunnelledRequests.decode(message("GET", "/Client/v2/U/a+b", params().put("q", "a+b")));

    assertThat(request.path()).isEqualTo("/Client/v2/U/a+b");
    assertThat(request.param("q")).isEqualTo("a b");
  }

  @Test
  void decodes_percent_encoded_keys_and_utf8_values() throws MalformedFrameException {
    UpstreamRequest request =
        TunnelledRequests.decode(
            message("GET", "/v3/Maps/M%C3%BCller", params().put("Fr%C3%BCh", "%E2%9C%93")));

    assertThat(request.path()).isEqualTo("/v3/Maps/Müller");
    assertThat(request.params()).containsEntry("Früh", List.of("✓"));
  }

  @Test
  void defaults_to_no_params_and_a_json_payload_type() throws MalformedFrameException {
    UpstreamRequest request = TunnelledRequests.decode(message("DELETE", "/v4/x", null));

    assertThat(request.params()).isEmpty();
    assertThat(request.payloadType()).isEqualTo("application/json");
    assertThat(request.body()).isEmpty();
  }

  @Test
  void refuses_a_truncated_percent_escape() {
    assertThatThrownBy(() -> TunnelledRequests.decode(message("GET", "/v3/a%4", null)))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("percent");
  }

  @Test
  void refuses_percent_escapes_that_are_not_utf8() {
    assertThatThrownBy(() -> TunnelledRequests.decode(message("GET", "/v3/%FF", null)))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void refuses_a_method_the_sdk_never_sends() {
    assertThatThrownBy(() -> TunnelledRequests.decode(message("PATCH", "/v3/x", null)))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("GET, POST, PUT or DELETE");
  }

  @Test
  void refuses_a_relative_path() {
    assertThatThrownBy(() -> TunnelledRequests.decode(message("GET", "v3/x", null)))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("absolute");
  }
}
