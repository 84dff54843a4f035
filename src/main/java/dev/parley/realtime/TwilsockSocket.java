package dev.parley.realtime;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The WebSocket under one Twilsock connection: binary frames out, bounded, and three ways to end.
 * Used on the socket's event loop only.
 */
final class TwilsockSocket {
  private final ServerWebSocket socket;
  private final HttpConnection tcp;

  TwilsockSocket(ServerWebSocket socket, HttpConnection tcp, int maxQueuedBytes) {
    this.socket = socket;
    this.tcp = tcp;
    socket.setWriteQueueMaxSize(maxQueuedBytes);
  }

  /**
   * The handlers of what comes in. A shutdown is Vert.x's graceful server shutdown; {@code closed}
   * runs once however the socket ends.
   */
  void listen(
      Handler<Buffer> binary,
      Handler<String> text,
      Runnable pong,
      Handler<Throwable> failed,
      Runnable shutdown,
      Runnable closed) {
    socket.binaryMessageHandler(binary);
    socket.textMessageHandler(text);
    socket.pongHandler(ignored -> pong.run());
    socket.exceptionHandler(failed);
    socket.shutdownHandler(ignored -> shutdown.run());
    socket.closeHandler(ignored -> closed.run());
  }

  /** Writes {@code frame}; false, without writing, when the write queue is already full. */
  boolean write(byte[] frame) {
    if (socket.writeQueueFull()) {
      return false;
    }
    socket.writeBinaryMessage(Buffer.buffer(frame));
    return true;
  }

  void ping() {
    socket.writePing(Buffer.buffer());
  }

  /** Writes {@code lastFrame} whatever the queue holds, then starts the close handshake. */
  void closeAfter(byte[] lastFrame) {
    socket.writeBinaryMessage(Buffer.buffer(lastFrame));
    socket.close();
  }

  void close() {
    socket.close();
  }

  /**
   * Cuts the TCP connection at once, dropping whatever is queued: for a peer that reads nothing,
   * which would answer no close handshake. Vert.x turns every close, even the channel's, into a
   * handshake that waits for the peer (behind a full queue: forever) and has no public abort;
   * closing from the first handler of the Netty pipeline passes it by.
   */
  void cut() {
    if (tcp instanceof ConnectionBase connection
        && connection.channel().pipeline().firstContext() != null) {
      connection.channel().pipeline().firstContext().close();
    } else {
      tcp.close();
    }
  }
}
