package dev.parley.realtime;

import static dev.parley.realtime.TwilsockProtocol.MAX_FRAME_BYTES;
import static dev.parley.realtime.TwilsockProtocol.MAX_HEADER_BYTES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.json.JsonInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One Twilsock frame: {@code TWILSOCK V3.0 <H>\r\n<header JSON of H bytes>\r\n<payload>}, where H
 * and the header's {@code payload_size} are UTF-8 byte counts. The header always has a textual
 * {@code method}.
 */
public record TwilsockFrame(ObjectNode header, byte[] payload) {
  private static final byte[] MAGIC =
      (TwilsockProtocol.MAGIC + " ").getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_LENGTH_DIGITS = String.valueOf(MAX_HEADER_BYTES).length();

  /** Headers are small: a deeply nested one is an attack, not a client. */
  static final ObjectMapper HEADERS = JsonInput.boundedUniqueKeys(64);

  public TwilsockFrame {
    if (!hasMethod(header)) {
      throw new IllegalArgumentException("a Twilsock header needs a textual method");
    }
  }

  public String method() {
    return header.get(TwilsockProtocol.METHOD).textValue();
  }

  /** The frame's {@code id}, or null when it has none (or a non-textual one). */
  public String id() {
    JsonNode id = header.get(TwilsockProtocol.ID);
    return id == null ? null : id.textValue();
  }

  /** The wire bytes, with {@code payload_size} set to the payload's length. */
  public byte[] encode() {
    ObjectNode withSize = header.deepCopy().put(TwilsockProtocol.PAYLOAD_SIZE, payload.length);
    byte[] headerBytes;
    try {
      headerBytes = HEADERS.writeValueAsBytes(withSize);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    byte[] prefix =
        (TwilsockProtocol.MAGIC + " " + headerBytes.length + TwilsockProtocol.CRLF)
            .getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[prefix.length + headerBytes.length + 2 + payload.length];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    System.arraycopy(headerBytes, 0, frame, prefix.length, headerBytes.length);
    frame[prefix.length + headerBytes.length] = '\r';
    frame[prefix.length + headerBytes.length + 1] = '\n';
    System.arraycopy(payload, 0, frame, prefix.length + headerBytes.length + 2, payload.length);
    return frame;
  }

  /**
   * The frame in {@code bytes}, or a {@link MalformedFrameException} saying why not; nothing else
   * escapes. The SDK always writes the CRLF after the header, but one without a payload and without
   * that CRLF is accepted, and an absent {@code payload_size} means 0.
   */
  public static TwilsockFrame parse(byte[] bytes) throws MalformedFrameException {
    if (bytes.length > MAX_FRAME_BYTES) {
      throw new MalformedFrameException("frame is over " + MAX_FRAME_BYTES + " bytes");
    }
    if (!startsWithMagic(bytes)) {
      throw new MalformedFrameException("no TWILSOCK V3.0 magic");
    }
    int at = MAGIC.length;
    int headerLength = 0;
    int digits = 0;
    while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9') {
      if (++digits > MAX_LENGTH_DIGITS) {
        throw new MalformedFrameException("header length is over " + MAX_HEADER_BYTES);
      }
      headerLength = headerLength * 10 + (bytes[at++] - '0');
    }
    if (digits == 0 || !crlfAt(bytes, at)) {
      throw new MalformedFrameException("header length is not a number followed by CRLF");
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw new MalformedFrameException("header length is over " + MAX_HEADER_BYTES);
    }
    int headerStart = at + 2;
    int headerEnd = headerStart + headerLength;
    if (headerEnd > bytes.length) {
      throw new MalformedFrameException("frame is shorter than its header length");
    }
    ObjectNode header = header(bytes, headerStart, headerLength);
    int payloadSize = payloadSize(header);
    int payloadStart = headerEnd + 2;
    if (headerEnd == bytes.length && payloadSize == 0) {
      return new TwilsockFrame(header, new byte[0]);
    }
    if (!crlfAt(bytes, headerEnd)) {
      throw new MalformedFrameException("no CRLF after the header");
    }
    if (bytes.length - payloadStart != payloadSize) {
      throw new MalformedFrameException("payload is not payload_size bytes");
    }
    byte[] payload = new byte[payloadSize];
    System.arraycopy(bytes, payloadStart, payload, 0, payloadSize);
    return new TwilsockFrame(header, payload);
  }

  private static ObjectNode header(byte[] bytes, int offset, int length)
      throws MalformedFrameException {
    JsonNode tree;
    try {
      tree = HEADERS.readTree(bytes, offset, length);
    } catch (IOException e) {
      throw new MalformedFrameException("header is not JSON");
    }
    if (!(tree instanceof ObjectNode header)) {
      throw new MalformedFrameException("header is not a JSON object");
    }
    if (!hasMethod(header)) {
      throw new MalformedFrameException("header has no textual method");
    }
    return header;
  }

  private static int payloadSize(ObjectNode header) throws MalformedFrameException {
    JsonNode size = header.get(TwilsockProtocol.PAYLOAD_SIZE);
    if (size == null) {
      return 0;
    }
    if (!size.isIntegralNumber() || !size.canConvertToInt() || size.intValue() < 0) {
      throw new MalformedFrameException("payload_size is not a non-negative integer");
    }
    return size.intValue();
  }

  private static boolean hasMethod(ObjectNode header) {
    JsonNode method = header.get(TwilsockProtocol.METHOD);
    return method != null && method.isTextual();
  }

  private static boolean startsWithMagic(byte[] bytes) {
    if (bytes.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean crlfAt(byte[] bytes, int at) {
    return at + 1 < bytes.length && bytes[at] == '\r' && bytes[at + 1] == '\n';
  }
}
