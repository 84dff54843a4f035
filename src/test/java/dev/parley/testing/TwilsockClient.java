package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.MalformedFrameException;
import dev.parley.realtime.TwilsockFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * A Twilsock client as the SDK speaks it (binary frames, {@code TM…} ids) over the JDK's WebSocket,
 * recording every frame it receives and acknowledging each as it takes it in, as the SDK does
 * ({@link #holdAcknowledgements} stops that). Waits are bounded; {@link #stopReading} makes it a
 * stuck peer that answers no more pings.
 */
public final class TwilsockClient implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<TwilsockFrame> frames = new CopyOnWriteArrayList<>();
  private final List<String> unparsable = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebSocket socket;
  private volatile Integer closeCode;
  private volatile boolean reading = true;
  private volatile boolean acknowledging = true;

  /**
   * The last send: the JDK's WebSocket takes one at a time, and acknowledgements come meanwhile.
   */
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  private TwilsockClient(URI uri) {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(WAIT)
            .buildAsync(uri, new Recorder())
            .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
            .join();
  }

  /** Connects to {@code ws://127.0.0.1:<port>/v3/wsconnect}, the URI the SDK is given. */
  public static TwilsockClient connect(ParleyServer server) {
    return connect(server.port());
  }

  /** Connects to the Parley listening on {@code port} (another node of a test's server). */
  public static TwilsockClient connect(int port) {
    return new TwilsockClient(URI.create("ws://127.0.0.1:" + port + "/v3/wsconnect"));
  }

  /** Sends {@code init} with {@code token} and waits for its reply. */
  public TwilsockFrame init(String token) {
    ObjectNode header = header("init").put("token", token).putNull("continuation_token");
    header.putArray("capabilities").add("client_update").add("offline_storage");
    return awaitReply(send(header, new byte[0]));
  }

  /** Sends {@code update} with {@code token} and waits for its reply. */
  public TwilsockFrame update(String token) {
    return awaitReply(send(header("update").put("token", token), new byte[0]));
  }

  /**
   * Tunnels {@code method path} (the path as the SDK sends it, percent-encoded) with these query
   * {@code params} and JSON {@code body}; returns the frame id without waiting.
   */
  public String request(String method, String path, ObjectNode params, String body) {
    ObjectNode header = header("message").put("active_grant", "ip_messaging");
    header.put("payload_type", "application/json; charset=utf-8");
    ObjectNode http = header.putObject("http_request");
    http.put("host", "127.0.0.1").put("path", path).put("method", method);
    http.set("params", params == null ? JSON.createObjectNode() : params);
    http.putObject("headers").put("Content-Type", "application/json; charset=utf-8");
    return send(header, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  /** A header with {@code method} and a fresh id. */
  public ObjectNode header(String method) {
    return JSON.createObjectNode().put("id", "TM" + ids.incrementAndGet()).put("method", method);
  }

  /** Sends a frame; returns its id. */
  public String send(ObjectNode header, byte[] payload) {
    sendBytes(new TwilsockFrame(header, payload).encode());
    return header.path("id").textValue();
  }

  public void sendBytes(byte[] bytes) {
    sendBytesAndForget(bytes).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Sends without waiting: the server may close the socket before all of it is written. */
  public synchronized CompletableFuture<?> sendBytesAndForget(byte[] bytes) {
    return sending = after(sending, () -> socket.sendBinary(ByteBuffer.wrap(bytes), true));
  }

  public void sendText(String text) {
    CompletableFuture<?> sent;
    synchronized (this) {
      sent = sending = after(sending, () -> socket.sendText(text, true));
    }
    sent.orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** {@code send} once {@code previous} is done, whether it failed or not. */
  private static CompletableFuture<?> after(
      CompletableFuture<?> previous, Supplier<CompletableFuture<WebSocket>> send) {
    return previous.handle((done, failed) -> null).thenCompose(ignored -> send.get());
  }

  /**
   * Stops acknowledging the frames it receives, as an SDK that has not yet read them off the
   * socket: the server then knows the client has not heard of them. {@link #acknowledge} does it.
   */
  public void holdAcknowledgements() {
    acknowledging = false;
  }

  /** Acknowledges {@code frame} as the SDK does: a {@code reply} 200 with the frame's id. */
  public void acknowledge(TwilsockFrame frame) {
    ObjectNode header = JSON.createObjectNode().put("id", frame.id()).put("method", "reply");
    header.put("payload_type", "application/json");
    header.putObject("status").put("code", 200).put("status", "OK");
    sendBytesAndForget(new TwilsockFrame(header, new byte[0]).encode());
  }

  public TwilsockFrame awaitReply(String id) {
    return await(frame -> "reply".equals(frame.method()) && id.equals(frame.id()));
  }

  /** The first received frame of {@code method}, waiting for it. */
  public TwilsockFrame await(String method) {
    return await(frame -> method.equals(frame.method()));
  }

  public TwilsockFrame await(Predicate<TwilsockFrame> wanted) {
    return Awaitility.await()
        .atMost(WAIT)
        .until(() -> frames.stream().filter(wanted).findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  /** Waits until the server has closed the socket; returns the WebSocket close code. */
  public int awaitClosed() {
    Awaitility.await().atMost(WAIT).until(() -> closeCode != null);
    return closeCode;
  }

  public boolean isClosed() {
    return closeCode != null;
  }

  public List<TwilsockFrame> frames() {
    return List.copyOf(frames);
  }

  /** Frames that did not parse: always empty when the server is right. */
  public List<String> unparsable() {
    return List.copyOf(unparsable);
  }

  /** The frame's JSON payload. */
  public static JsonNode body(TwilsockFrame frame) {
    try {
      return JSON.readTree(frame.payload());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops taking frames off the socket, as a stuck or vanished peer does: pings go unanswered. */
  public void stopReading() {
    reading = false;
  }

  @Override
  public void close() {
    if (closeCode == null) {
      socket.abort();
    }
  }

  private final class Recorder implements WebSocket.Listener {
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      message.writeBytes(chunk);
      if (last) {
        byte[] whole = message.toByteArray();
        message.reset();
        try {
          TwilsockFrame frame = TwilsockFrame.parse(whole);
          // Before the frame is seen: what a test sends once it has seen it goes after.
          if (acknowledging && frame.id() != null && !"reply".equals(frame.method())) {
            acknowledge(frame);
          }
          frames.add(frame);
        } catch (MalformedFrameException e) {
          unparsable.add(e.getMessage());
        }
      }
      more(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      unparsable.add("text frame");
      more(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      more(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode = statusCode;
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode = -1;
    }

    private void more(WebSocket webSocket) {
      if (reading) {
        webSocket.request(1);
      }
    }
  }
}
