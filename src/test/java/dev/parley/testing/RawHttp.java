package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for the bytes no well-behaved client sends: bad percent-encoding,
 * oversized lines and headers, dot segments, chunked bodies, stalled requests. Every read is
 * bounded by a socket timeout.
 */
public final class RawHttp {
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /** One response as read off the wire; {@code body} is empty when the server sent none. */
  public record Response(int status, Map<String, String> headers, String body) {}

  /** Sends {@code request} (written as is, ISO-8859-1) and reads the one response. */
  public static Response exchange(int port, String request) {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  public static Response exchange(int port, byte[] request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before it has read everything: read its answer.
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code partial} and then nothing more; answers how long the server took to close the
   * connection, or null if it was still open after {@code patience}.
   */
  public static Duration stallAfter(int port, String partial, Duration patience) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) patience.toMillis());
      long start = System.nanoTime();
      socket.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      try {
        while (in.read() != -1) {
          // whatever the server says before it closes
        }
      } catch (SocketTimeoutException e) {
        return null;
      } catch (SocketException e) {
        // reset: closed as well
      }
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code head} one byte per {@code interval} (a slowloris client); answers how long the
   * server took to close the connection, or null if it was still open after {@code patience}.
   */
  public static Duration trickle(int port, String head, Duration interval, Duration patience) {
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) interval.toMillis());
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      for (int i = 0; System.nanoTime() - start < patience.toNanos(); i++) {
        try {
          socket.getOutputStream().write(bytes[i % bytes.length]);
          socket.getOutputStream().flush();
          if (in.read() == -1) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        } catch (SocketTimeoutException e) {
          // still open: the next byte
        } catch (SocketException e) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while (last4 != 0x0d0a0d0a && (b = in.read()) != -1) {
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (text.isEmpty()) {
      throw new IOException("the server closed the connection without an answer");
    }
    String[] lines = text.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = headers.get("content-length");
    if (length != null) {
      body.write(in.readNBytes(Integer.parseInt(length)));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        String size = line(in);
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
          break;
        }
        body.write(in.readNBytes(n));
        line(in);
      }
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
