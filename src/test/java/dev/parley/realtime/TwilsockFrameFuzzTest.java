package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.NoStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The frame parser against arbitrary and mutated bytes: it returns a frame or a {@link
 * MalformedFrameException}, never anything else, and encoding then parsing gives the frame back.
 */
@NoStore
class TwilsockFrameFuzzTest {

  @Property(tries = 3000)
  void arbitrary_bytes_parse_or_fail_with_a_malformed_frame(@ForAll @Size(max = 300) byte[] bytes) {
    parsesOrIsMalformed(bytes);
  }

  @Property(tries = 3000)
  void arbitrary_bytes_after_the_magic_parse_or_fail_with_a_malformed_frame(
      @ForAll @Size(max = 300) byte[] tail) {
    byte[] magic = "TWILSOCK V3.0 ".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = Arrays.copyOf(magic, magic.length + tail.length);
    System.arraycopy(tail, 0, bytes, magic.length, tail.length);

    parsesOrIsMalformed(bytes);
  }

  @Property(tries = 3000)
  void mutated_valid_frames_parse_or_fail_with_a_malformed_frame(
      @ForAll("frames") TwilsockFrame frame, @ForAll("mutations") Mutation mutation) {
    byte[] bytes = mutation.apply(frame.encode());

    parsesOrIsMalformed(bytes);
  }

  @Property(tries = 1000)
  void encode_then_parse_gives_the_same_header_and_payload(@ForAll("frames") TwilsockFrame frame)
      throws MalformedFrameException {
    TwilsockFrame parsed = TwilsockFrame.parse(frame.encode());

    assertThat(parsed.header().get(TwilsockProtocol.PAYLOAD_SIZE).intValue())
        .isEqualTo(frame.payload().length);
    JsonNode sent = frame.header().deepCopy().without(TwilsockProtocol.PAYLOAD_SIZE);
    JsonNode received = parsed.header().deepCopy().without(TwilsockProtocol.PAYLOAD_SIZE);
    assertThat(received).isEqualTo(sent);
    assertThat(parsed.payload()).isEqualTo(frame.payload());
  }

  private static void parsesOrIsMalformed(byte[] bytes) {
    try {
      TwilsockFrame frame = TwilsockFrame.parse(bytes);
      assertThat(frame.method()).isNotNull();
    } catch (MalformedFrameException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<TwilsockFrame> frames() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<Map<String, String>> fields =
        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), text)
            .ofMaxSize(6);
    return Combinators.combine(text, fields, Arbitraries.strings().ofMaxLength(200))
        .as(
            (method, extra, payload) -> {
              ObjectNode header = TwilsockFrame.HEADERS.createObjectNode();
              extra.forEach(header::put);
              header.put(TwilsockProtocol.METHOD, method);
              header.put(TwilsockProtocol.ID, "TM" + payload.length());
              return new TwilsockFrame(header, payload.getBytes(StandardCharsets.UTF_8));
            });
  }

  /** One small corruption of a valid frame: a flipped byte, a cut, an insertion. */
  record Mutation(int kind, int position, byte value) {
    byte[] apply(byte[] frame) {
      int at = Math.floorMod(position, frame.length + 1);
      return switch (kind) {
        case 0 -> {
          byte[] copy = frame.clone();
          copy[Math.min(at, copy.length - 1)] = value;
          yield copy;
        }
        case 1 -> Arrays.copyOf(frame, at);
        default -> {
          byte[] longer = new byte[frame.length + 1];
          System.arraycopy(frame, 0, longer, 0, at);
          longer[at] = value;
          System.arraycopy(frame, at, longer, at + 1, frame.length - at);
          yield longer;
        }
      };
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2), Arbitraries.integers(), Arbitraries.bytes())
        .as(Mutation::new);
  }
}
