package dev.parley.realtime;

/**
 * The answer to a tunnelled request: the HTTP {@code status} and a {@code body} that Jackson writes
 * as a JSON object (the SDK needs one even when it reads nothing, at least {@code {}}), and what
 * must follow the answer on the wire, if anything: {@code then} runs on a worker once the reply
 * frame is queued, so the notifications it sends reach the client after the reply (null: nothing).
 * The reply waits {@code holdNanos} once it is ready (0: none; see {@link #heldFor}).
 */
public record UpstreamResponse(int status, Object body, Runnable then, long holdNanos) {
  public UpstreamResponse(int status, Object body, Runnable then) {
    this(status, body, then, 0);
  }

  public UpstreamResponse(int status, Object body) {
    this(status, body, null);
  }

  /**
   * This answer, sent no sooner than {@code nanos} from now: for a reply the client must handle
   * after a notification it has just acknowledged (Sync pages, docs/realtime-protocol.md §4.5).
   * Waits on a timer; no thread is held.
   */
  public UpstreamResponse heldFor(long nanos) {
    return new UpstreamResponse(status, body, then, Math.max(0, nanos));
  }

  public static UpstreamResponse ok(Object body) {
    return new UpstreamResponse(200, body);
  }

  /** {@code 202 Accepted}: the work goes on in {@code then}, after the client has the answer. */
  public static UpstreamResponse accepted(Object body, Runnable then) {
    return new UpstreamResponse(202, body, then);
  }
}
