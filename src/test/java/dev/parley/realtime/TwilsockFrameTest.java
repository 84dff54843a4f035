package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.NoStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The frame layout of docs/realtime-protocol.md §2.2, byte by byte, and each way a frame is
 * refused.
 */
@NoStore
class TwilsockFrameTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void refused(String frame, String why) {
    assertThatThrownBy(() -> TwilsockFrame.parse(bytes(frame)))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining(why);
  }

  @Test
  void counts_header_and_payload_lengths_in_utf8_bytes() {
    ObjectNode header = TwilsockFrame.HEADERS.createObjectNode().put("method", "reply");
    header.put("id", "é");

    byte[] encoded = new TwilsockFrame(header, bytes("{\"body\":\"Grüße\"}")).encode();

    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .isEqualTo(
            "TWILSOCK V3.0 46\r\n{\"method\":\"reply\",\"id\":\"é\",\"payload_size\":18}\r\n"
                + "{\"body\":\"Grüße\"}");
  }

  @Test
  void parses_the_sdks_init_frame_without_payload() throws MalformedFrameException {
    String header = "{\"id\":\"TM1\",\"method\":\"init\",\"token\":\"t\",\"payload_size\":0}";

    TwilsockFrame frame =
        TwilsockFrame.parse(bytes("TWILSOCK V3.0 " + header.length() + "\r\n" + header + "\r\n"));

    assertThat(frame.method()).isEqualTo("init");
    assertThat(frame.id()).isEqualTo("TM1");
    assertThat(frame.payload()).isEmpty();
  }

  @Test
  void refuses_another_magic() {
    refused("TWILSOCK V2.0 16\r\n{\"method\":\"ping\"}\r\n", "magic");
  }

  @Test
  void refuses_a_header_length_that_is_no_number() {
    refused("TWILSOCK V3.0 x\r\n{\"method\":\"ping\"}\r\n", "header length");
  }

  @Test
  void refuses_a_header_length_over_64_kib() {
    refused("TWILSOCK V3.0 65537\r\n{}", "header length is over");
  }

  @Test
  void refuses_a_header_length_longer_than_the_frame() {
    refused("TWILSOCK V3.0 99\r\n{\"method\":\"ping\"}\r\n", "shorter");
  }

  @Test
  void refuses_a_header_that_is_not_a_json_object() {
    refused("TWILSOCK V3.0 4\r\n[12]\r\n", "not a JSON object");
  }

  @Test
  void refuses_a_header_without_method() {
    refused("TWILSOCK V3.0 10\r\n{\"id\":\"x\"}\r\n", "method");
  }

  @Test
  void refuses_a_payload_that_is_not_payload_size_bytes() {
    String header = "{\"method\":\"message\",\"payload_size\":5}";

    refused("TWILSOCK V3.0 " + header.length() + "\r\n" + header + "\r\n{}", "payload_size");
  }

  @Test
  void refuses_a_frame_over_1_mib() {
    byte[] big = new byte[TwilsockProtocol.MAX_FRAME_BYTES + 1];

    assertThatThrownBy(() -> TwilsockFrame.parse(big))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("over");
  }
}
