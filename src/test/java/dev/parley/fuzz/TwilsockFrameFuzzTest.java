package dev.parley.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.MalformedFrameException;
import dev.parley.realtime.TwilsockFrame;
import dev.parley.realtime.TwilsockProtocol;
import dev.parley.testing.NoStore;

/**
 * Coverage-guided fuzzing of the Twilsock frame parser (the first code an unauthenticated WebSocket
 * reaches): any bytes give a frame or a {@link MalformedFrameException}, nothing else, and a parsed
 * frame encodes back to the same header and payload. Replays {@code TwilsockFrameFuzzTestInputs/}
 * in every run; fuzzes with {@code JAZZER_FUZZ=1} (docs/testing.md). The jqwik properties in {@code
 * realtime/TwilsockFrameFuzzTest} stay: they generate whole frames, which this does not.
 */
@NoStore
class TwilsockFrameFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void bytes_parse_to_a_frame_or_a_malformed_frame(byte[] bytes) {
    TwilsockFrame frame;
    try {
      frame = TwilsockFrame.parse(bytes);
    } catch (MalformedFrameException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }

    TwilsockFrame again;
    try {
      again = TwilsockFrame.parse(frame.encode());
    } catch (MalformedFrameException e) {
      throw new AssertionError("a parsed frame re-encodes to a malformed one", e);
    }
    assertThat(withoutSize(again.header())).isEqualTo(withoutSize(frame.header()));
    assertThat(again.payload()).isEqualTo(frame.payload());
  }

  private static JsonNode withoutSize(ObjectNode header) {
    return header.deepCopy().without(TwilsockProtocol.PAYLOAD_SIZE);
  }
}
