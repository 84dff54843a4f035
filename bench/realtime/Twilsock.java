import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.TwilsockFrame;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One benchmark Twilsock connection, as the SDK speaks it (binary frames, {@code TM…} ids, a
 * {@code reply} acknowledging every notification), on a Vert.x WebSocket: thousands share a few
 * event loops. Replies are parsed with Jackson; notifications, the hot path, only by a byte scan
 * for the header fields it needs, so the load client takes little of the machine.
 */
final class Twilsock {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] MAGIC = "TWILSOCK V3.0 ".getBytes(StandardCharsets.US_ASCII);

  /** A notification: its {@code message_type} and the frame bytes, payload at {@code [from, to)}. */
  interface Listener {
    void notification(Twilsock connection, String messageType, byte[] frame, int from, int to);
  }

  /** A {@code reply}: its header and JSON body (empty object when none). */
  record Reply(JsonNode header, JsonNode body) {
    int httpStatus() {
      return header.path("http_status").path("code").intValue();
    }
  }

  private final WebSocket socket;
  private final Map<String, Promise<Reply>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Listener listener = (c, type, frame, from, to) -> {};
  volatile boolean closed;

  private Twilsock(WebSocket socket) {
    this.socket = socket;
    socket.binaryMessageHandler(this::received);
    socket.closeHandler(ignored -> closed());
    socket.exceptionHandler(ignored -> {});
  }

  static Future<Twilsock> connect(WebSocketClient client, String host, int port) {
    return client
        .connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/v3/wsconnect"))
        .map(Twilsock::new);
  }

  void listen(Listener listener) {
    this.listener = listener;
  }

  Future<Reply> init(String token) {
    ObjectNode header = header("init").put("token", token).putNull("continuation_token");
    header.putArray("capabilities").add("client_update").add("offline_storage");
    return send(header, new byte[0]);
  }

  /** A tunnelled request, as the SDK sends it. */
  Future<Reply> request(String method, String path, String body) {
    ObjectNode header = header("message").put("active_grant", "ip_messaging");
    header.put("payload_type", "application/json; charset=utf-8");
    ObjectNode http = header.putObject("http_request");
    http.put("host", "127.0.0.1").put("path", path).put("method", method);
    http.putObject("params");
    http.putObject("headers").put("Content-Type", "application/json; charset=utf-8");
    return send(header, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  /** Subscribes to one Sync object from {@code lastEventId}; the events come as notifications. */
  Future<Reply> subscribe(String sid, String type, long lastEventId, long correlationId) {
    return request(
        "POST",
        "/v4/Subscriptions",
        "{\"event_protocol_version\":4,\"action\":\"establish\",\"correlation_id\":"
            + correlationId
            + ",\"requests\":[{\"object_sid\":\""
            + sid
            + "\",\"object_type\":\""
            + type
            + "\",\"last_event_id\":"
            + lastEventId
            + "}]}");
  }

  Future<Void> close() {
    return socket.close();
  }

  private ObjectNode header(String method) {
    return JSON.createObjectNode().put("id", "TM" + ids.incrementAndGet()).put("method", method);
  }

  private Future<Reply> send(ObjectNode header, byte[] payload) {
    Promise<Reply> reply = Promise.promise();
    pending.put(header.get("id").textValue(), reply);
    socket.writeBinaryMessage(Buffer.buffer(new TwilsockFrame(header, payload).encode()));
    return reply.future();
  }

  private void received(Buffer buffer) {
    byte[] frame = buffer.getBytes();
    int at = MAGIC.length;
    int headerLength = 0;
    while (frame[at] != '\r') {
      headerLength = headerLength * 10 + (frame[at++] - '0');
    }
    int headerStart = at + 2;
    int headerEnd = headerStart + headerLength;
    int payloadStart = Math.min(frame.length, headerEnd + 2);
    String method = field(frame, headerStart, headerEnd, "\"method\":\"");
    String id = field(frame, headerStart, headerEnd, "\"id\":\"");
    if ("reply".equals(method)) {
      Promise<Reply> waiting = id == null ? null : pending.remove(id);
      if (waiting != null) {
        waiting.complete(new Reply(tree(frame, headerStart, headerLength), body(frame, payloadStart)));
      }
      return;
    }
    if (id != null) {
      acknowledge(id);
    }
    if ("notification".equals(method)) {
      String type = field(frame, headerStart, headerEnd, "\"message_type\":\"");
      listener.notification(this, type, frame, payloadStart, frame.length);
    }
  }

  /** The SDK acknowledges every frame that is not a reply. */
  private void acknowledge(String id) {
    String header =
        "{\"id\":\""
            + id
            + "\",\"method\":\"reply\",\"payload_type\":\"application/json\","
            + "\"status\":{\"code\":200,\"status\":\"OK\"},\"payload_size\":0}";
    byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
    socket.writeBinaryMessage(
        Buffer.buffer("TWILSOCK V3.0 " + headerBytes.length + "\r\n")
            .appendBytes(headerBytes)
            .appendString("\r\n"));
  }

  private void closed() {
    closed = true;
    pending.values().forEach(p -> p.tryFail("closed"));
  }

  /** The string value after {@code key} in {@code [from, to)}, or null; no escapes expected. */
  static String field(byte[] bytes, int from, int to, String key) {
    int at = indexOf(bytes, from, to, key.getBytes(StandardCharsets.US_ASCII));
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    int end = start;
    while (end < to && bytes[end] != '"') {
      end++;
    }
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  static int indexOf(byte[] bytes, int from, int to, byte[] wanted) {
    outer:
    for (int i = from; i <= to - wanted.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (bytes[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static JsonNode tree(byte[] bytes, int from, int length) {
    try {
      return JSON.readTree(bytes, from, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode body(byte[] frame, int from) {
    return from >= frame.length
        ? JSON.createObjectNode()
        : tree(frame, from, frame.length - from);
  }
}
