package dev.parley.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one tunnelled request through the {@link Upstream} and renders the reply frame, on a
 * worker thread. An {@link ApiException} becomes Twilio's {@code {code, message, more_info,
 * status}} with its HTTP status, as the REST API answers; anything else is a bug, logged once and
 * answered 500 in the same shape.
 */
final class UpstreamCalls {
  private static final Logger log = LoggerFactory.getLogger(UpstreamCalls.class);

  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private final Upstream upstream;
  private final ObjectMapper json;

  UpstreamCalls(Upstream upstream, ObjectMapper json) {
    this.upstream = upstream;
    this.json = json;
  }

  /**
   * A reply frame, how long it waits before it goes out ({@link UpstreamResponse#holdNanos()}) and
   * what must follow it ({@link UpstreamResponse#then()}, or null).
   */
  record Answer(byte[] frame, long holdNanos, Runnable then) {
    Answer(byte[] frame, Runnable then) {
      this(frame, 0, then);
    }
  }

  Answer answer(Session session, String frameId, UpstreamRequest request) {
    try {
      UpstreamResponse response = upstream.handle(session, request);
      byte[] body = response.body() == null ? EMPTY_OBJECT : jsonObject(json, response.body());
      byte[] frame = TwilsockFrames.upstreamReply(frameId, response.status(), body);
      return new Answer(
          frame,
          response.holdNanos(),
          response.then() == null ? null : logged(session, request, response.then()));
    } catch (ApiException e) {
      return new Answer(error(frameId, e.error(), e.messageFor(request.path())), null);
    } catch (RuntimeException e) {
      failed(session, request, e);
      return new Answer(
          error(frameId, TwilioError.INTERNAL, TwilioError.INTERNAL.message(session.id())), null);
    }
  }

  /** {@code then}, with a failure logged as a bug: its reply is already on its way. */
  private static Runnable logged(Session session, UpstreamRequest request, Runnable then) {
    return () -> {
      try {
        then.run();
      } catch (RuntimeException e) {
        failed(session, request, e);
      }
    };
  }

  private static void failed(Session session, UpstreamRequest request, RuntimeException e) {
    log.error(
        "event=upstream_failed session={} identity={} method={} path={}",
        session.id(),
        session.grant().identity(),
        request.method(),
        request.path(),
        e);
  }

  /** The in-flight limit's answer: 429 with 20429, so the SDK's Sync calls retry later. */
  static byte[] tooManyRequests(String frameId) {
    return error(frameId, TwilioError.TOO_MANY_REQUESTS, TwilioError.TOO_MANY_REQUESTS.message(1));
  }

  static byte[] error(String frameId, TwilioError error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code());
    body.put("message", message);
    body.put("more_info", error.moreInfo());
    body.put("status", error.status());
    try {
      return TwilsockFrames.upstreamReply(
          frameId, error.status(), TwilsockFrame.HEADERS.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

  /**
   * {@code value} as JSON, which must be an object: the SDK needs one even where it reads nothing
   * ({@code typing()} fails without), and reads notification payloads as objects.
   */
  static byte[] jsonObject(ObjectMapper json, Object value) {
    JsonNode tree = json.valueToTree(value);
    if (!tree.isObject()) {
      throw new IllegalArgumentException("JSON " + tree.getNodeType() + " where an object belongs");
    }
    try {
      return json.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
