package dev.parley.realtime;

/**
 * The answer to a tunnelled request: the HTTP {@code status} and a {@code body} that Jackson writes
 * as a JSON object (the SDK needs one even when it reads nothing, at least {@code {}}), and what
 * must follow the answer on the wire, if anything: {@code then} runs on a worker once the reply
 * frame is queued, so the notifications it sends reach the client after the reply (null: nothing).
 */
public record UpstreamResponse(int status, Object body, Runnable then) {
  public UpstreamResponse(int status, Object body) {
    this(status, body, null);
  }

  public static UpstreamResponse ok(Object body) {
    return new UpstreamResponse(200, body);
  }

  /** {@code 202 Accepted}: the work goes on in {@code then}, after the client has the answer. */
  public static UpstreamResponse accepted(Object body, Runnable then) {
    return new UpstreamResponse(202, body, then);
  }
}
