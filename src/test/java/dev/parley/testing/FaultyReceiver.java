package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a free port of 127.0.0.1 that misbehaves below HTTP, where the JDK's server
 * cannot: each connection reads the request's head and then gets {@link Fault}. It counts the
 * requests it saw, so a test can tell that Parley called (and called again), and for a hang the
 * connections Parley held open at once.
 */
public final class FaultyReceiver implements AutoCloseable {
  /** What every request gets. */
  public enum Fault {
    /** The connection is reset (TCP RST) instead of answered. */
    RESET,
    /** Bytes that are not HTTP, then the connection closes. */
    GARBAGE,
    /** A 200 whose promised body comes one byte every 200 ms, never in full. */
    TRICKLE,
    /** No answer at all: the connection is held until the caller gives up and closes it. */
    HANG
  }

  private final Fault fault;
  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();
  private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger mostHeld = new AtomicInteger();

  public FaultyReceiver(Fault fault) {
    this.fault = fault;
    try {
      socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::accept);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** The most {@link Fault#HANG} connections the caller kept open at one time. */
  public int mostHeldAtOnce() {
    return mostHeld.get();
  }

  /** Requests whose head arrived so far. */
  public int requests() {
    return requests.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        open.add(connection);
        threads.execute(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      readHead(in);
      requests.incrementAndGet();
      OutputStream out = connection.getOutputStream();
      switch (fault) {
        case RESET -> connection.setSoLinger(true, 0);
        case GARBAGE -> out.write("SURPRISE\r\n\u0000\u0001 not http at all\r\n\r\n".getBytes());
        case HANG -> {
          mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
          try {
            while (in.read() >= 0) {
              // the body, then nothing until the caller closes
            }
          } finally {
            held.decrementAndGet();
          }
        }
        case TRICKLE -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.UTF_8));
          while (!socket.isClosed()) {
            out.write('.');
            out.flush();
            Thread.sleep(200); // the receiver's own pace, not a test wait
          }
        }
      }
    } catch (IOException | InterruptedException gone) {
      // Parley hung up, or the receiver closed: either is the end of this connection.
    } finally {
      open.remove(connection);
    }
  }

  /** Reads up to the blank line that ends the request's head; the body is left unread. */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket connection : open) {
      try {
        connection.close(); // a blocked read is not interruptible; closing ends it
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }
}
