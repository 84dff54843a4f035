package dev.parley.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the HTTP request of a {@code message} frame (docs/realtime-protocol.md §2.8). The SDK sends
 * the path percent-encoded and the query split on {@code &} and {@code =} without decoding, a
 * repeated key as an array; both are decoded here, so the upstream sees what a REST handler would.
 */
final class TunnelledRequests {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

  private TunnelledRequests() {}

  static UpstreamRequest decode(TwilsockFrame frame) throws MalformedFrameException {
    JsonNode http = frame.header().get(TwilsockProtocol.HTTP_REQUEST);
    if (http == null || !http.isObject()) {
      throw new MalformedFrameException("message has no http_request object");
    }
    String method = http.path("method").textValue();
    if (method == null || !METHODS.contains(method)) {
      throw new MalformedFrameException("http_request.method must be GET, POST, PUT or DELETE");
    }
    String rawPath = http.path("path").textValue();
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw new MalformedFrameException("http_request.path must be an absolute path");
    }
    int query = rawPath.indexOf('?');
    String path = decode(query < 0 ? rawPath : rawPath.substring(0, query), false);
    JsonNode type = frame.header().get(TwilsockProtocol.PAYLOAD_TYPE);
    String payloadType =
        type != null && type.isTextual() ? type.textValue() : TwilsockProtocol.JSON;
    return new UpstreamRequest(
        method,
        path,
        params(http.get("params")),
        headers(http.get("headers")),
        payloadType,
        frame.payload());
  }

  private static Map<String, List<String>> params(JsonNode params) throws MalformedFrameException {
    Map<String, List<String>> decoded = new LinkedHashMap<>();
    if (params == null || params.isNull()) {
      return decoded;
    }
    if (!params.isObject()) {
      throw new MalformedFrameException("http_request.params must be an object");
    }
    for (var field : params.properties()) {
      List<String> values = new ArrayList<>();
      JsonNode value = field.getValue();
      if (value.isArray()) {
        for (JsonNode each : value) {
          values.add(decode(scalar(each), true));
        }
      } else {
        values.add(decode(scalar(value), true));
      }
      decoded
          .computeIfAbsent(decode(field.getKey(), true), key -> new ArrayList<>())
          .addAll(values);
    }
    return decoded;
  }

  private static String scalar(JsonNode value) throws MalformedFrameException {
    if (!value.isValueNode() || value.isNull()) {
      throw new MalformedFrameException("http_request.params values must be strings");
    }
    return value.asText();
  }

  private static Map<String, String> headers(JsonNode headers) throws MalformedFrameException {
    Map<String, String> read = new LinkedHashMap<>();
    if (headers == null || headers.isNull()) {
      return read;
    }
    if (!headers.isObject()) {
      throw new MalformedFrameException("http_request.headers must be an object");
    }
    for (var field : headers.properties()) {
      if (field.getValue().isValueNode() && !field.getValue().isNull()) {
        read.put(field.getKey(), field.getValue().asText());
      }
    }
    return read;
  }

  /**
   * Percent-decodes UTF-8; {@code +} is a space only in the query, as browsers' form encoding has
   * it (the SDK's {@code encodeURIComponent} writes {@code %2B} for a plus).
   */
  static String decode(String text, boolean plusIsSpace) throws MalformedFrameException {
    if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
      return text;
    }
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length);
    for (int i = 0; i < encoded.length; i++) {
      byte b = encoded[i];
      if (b == '%') {
        int high = i + 2 < encoded.length ? Character.digit(encoded[i + 1], 16) : -1;
        int low = i + 2 < encoded.length ? Character.digit(encoded[i + 2], 16) : -1;
        if (high < 0 || low < 0) {
          throw new MalformedFrameException("bad percent-encoding");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        bytes.write(b == '+' && plusIsSpace ? ' ' : b);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedFrameException("percent-encoding is not UTF-8");
    }
  }
}
