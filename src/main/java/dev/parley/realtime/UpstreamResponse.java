package dev.parley.realtime;

/**
 * The answer to a tunnelled request: the HTTP {@code status} and a {@code body} that Jackson writes
 * as a JSON object (the SDK needs one even when it reads nothing, at least {@code {}}).
 */
public record UpstreamResponse(int status, Object body) {
  public static UpstreamResponse ok(Object body) {
    return new UpstreamResponse(200, body);
  }
}
