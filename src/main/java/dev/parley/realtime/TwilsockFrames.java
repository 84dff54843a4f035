package dev.parley.realtime;

import static dev.parley.realtime.TwilsockProtocol.CAPABILITIES;
import static dev.parley.realtime.TwilsockProtocol.CLIENT_UPDATE;
import static dev.parley.realtime.TwilsockProtocol.CLIENT_UPDATE_TYPE;
import static dev.parley.realtime.TwilsockProtocol.CLOSE;
import static dev.parley.realtime.TwilsockProtocol.CONTINUATION_TOKEN;
import static dev.parley.realtime.TwilsockProtocol.HTTP_HEADERS;
import static dev.parley.realtime.TwilsockProtocol.HTTP_STATUS;
import static dev.parley.realtime.TwilsockProtocol.ID;
import static dev.parley.realtime.TwilsockProtocol.JSON;
import static dev.parley.realtime.TwilsockProtocol.MESSAGE_TYPE;
import static dev.parley.realtime.TwilsockProtocol.METHOD;
import static dev.parley.realtime.TwilsockProtocol.NOTIFICATION;
import static dev.parley.realtime.TwilsockProtocol.OK;
import static dev.parley.realtime.TwilsockProtocol.PAYLOAD_TYPE;
import static dev.parley.realtime.TwilsockProtocol.REPLY;
import static dev.parley.realtime.TwilsockProtocol.STATUS;
import static dev.parley.realtime.TwilsockProtocol.TOKEN_ABOUT_TO_EXPIRE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The frames the server sends, as wire bytes. */
final class TwilsockFrames {
  private static final byte[] NONE = new byte[0];

  private TwilsockFrames() {}

  /** {@code {code, status}} with the HTTP reason phrase ("OK", "Gone"), as the SDK reads it. */
  static ObjectNode status(int code) {
    return TwilsockFrame.HEADERS
        .createObjectNode()
        .put("code", code)
        .put("status", HttpResponseStatus.valueOf(code).reasonPhrase());
  }

  /** A status the SDK shows: {@code description} in its error, {@code errorCode} (0: none). */
  static ObjectNode status(int code, int errorCode, String description) {
    ObjectNode status = status(code);
    if (errorCode != 0) {
      status.put("errorCode", errorCode);
    }
    return status.put("description", description);
  }

  static byte[] ok(String id) {
    return reply(id, status(OK)).encode();
  }

  static byte[] error(String id, ObjectNode status) {
    return reply(id, status).encode();
  }

  /**
   * The init reply: a continuation token (a browser stores the string "undefined" without one) and
   * no {@code offline_storage}, which would let Sync subscribe with {@code last_event_id: null}.
   */
  static byte[] initialised(String id, String continuationToken) {
    ObjectNode header = reply(id, status(OK)).header();
    header.put(CONTINUATION_TOKEN, continuationToken);
    header.putArray(CAPABILITIES);
    return new TwilsockFrame(header, NONE).encode();
  }

  /**
   * The answer to a tunnelled request: transport {@code status} 200 (anything else fails as
   * "Transport failure"), the HTTP result in {@code http_status}, and always a JSON body.
   */
  static byte[] upstreamReply(String id, int httpStatus, byte[] jsonBody) {
    ObjectNode header = reply(id, status(OK)).header();
    header.set(HTTP_STATUS, status(httpStatus));
    header.putObject(HTTP_HEADERS).put("Content-Type", JSON);
    header.put(PAYLOAD_TYPE, JSON);
    return new TwilsockFrame(header, jsonBody).encode();
  }

  /** A server {@code close}; the socket is closed right after it. */
  static byte[] close(ObjectNode status) {
    ObjectNode header = header(CLOSE, null);
    header.set(STATUS, status);
    return new TwilsockFrame(header, NONE).encode();
  }

  static byte[] notification(String id, String messageType, byte[] jsonPayload) {
    ObjectNode header = header(NOTIFICATION, id);
    header.put(MESSAGE_TYPE, messageType);
    header.put(PAYLOAD_TYPE, JSON);
    return new TwilsockFrame(header, jsonPayload).encode();
  }

  static byte[] tokenAboutToExpire(String id) {
    ObjectNode header = header(CLIENT_UPDATE, id);
    header.put(CLIENT_UPDATE_TYPE, TOKEN_ABOUT_TO_EXPIRE);
    return new TwilsockFrame(header, NONE).encode();
  }

  private static TwilsockFrame reply(String id, ObjectNode status) {
    ObjectNode header = header(REPLY, id);
    header.set(STATUS, status);
    return new TwilsockFrame(header, NONE);
  }

  private static ObjectNode header(String method, String id) {
    ObjectNode header = TwilsockFrame.HEADERS.createObjectNode().put(METHOD, method);
    if (id != null) {
      header.put(ID, id);
    }
    return header;
  }
}
