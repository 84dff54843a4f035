package dev.parley.realtime;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request tunnelled in a Twilsock {@code message} frame. {@code path} is percent-decoded
 * and has no query; {@code params} are the query parameters, percent-decoded, each with every value
 * it was given; {@code payloadType} is the frame's {@code payload_type} (the request content type)
 * and {@code body} its payload bytes (empty when none).
 */
public record UpstreamRequest(
    String method,
    String path,
    Map<String, List<String>> params,
    Map<String, String> headers,
    String payloadType,
    byte[] body) {

  /** The first value of query parameter {@code name}, or null. */
  public String param(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
