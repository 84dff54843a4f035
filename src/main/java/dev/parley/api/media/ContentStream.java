package dev.parley.api.media;

import dev.parley.media.MediaService;
import dev.parley.store.MediaContent;
import dev.parley.store.MediaRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Sends a medium's bytes one {@link MediaContent#CHUNK_BYTES} chunk at a time, reading the next
 * only when the client has taken the last: a slow client holds one chunk, whatever the size. Served
 * with the stored type, never sniffed, and as an attachment unless a browser only displays it
 * (images but SVG, audio, video, PDF, plain text): an uploaded page or script never runs on
 * Parley's origin.
 */
final class ContentStream {
  private static final Set<String> INLINE = Set.of("application/pdf", "text/plain");

  private ContentStream() {}

  static void send(RoutingContext ctx, MediaService media, MediaRecord m) {
    HttpServerResponse response = ctx.response();
    response
        .putHeader("Content-Type", m.contentType())
        .putHeader("Content-Length", Long.toString(m.size()))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
        .putHeader("Cache-Control", "private, max-age=300")
        .putHeader("Content-Disposition", disposition(m));
    next(ctx, media, m, 0);
  }

  private static void next(RoutingContext ctx, MediaService media, MediaRecord m, long offset) {
    HttpServerResponse response = ctx.response();
    if (offset >= m.size()) {
      response.end();
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> media.read(m, offset), false)
        .onSuccess(
            chunk -> {
              if (response.closed()) {
                return;
              }
              if (chunk.length == 0) {
                // The bytes are shorter than their record says: cut the response off.
                ctx.request().connection().close();
                return;
              }
              response.write(Buffer.buffer(chunk));
              long after = offset + chunk.length;
              if (response.writeQueueFull()) {
                response.drainHandler(v -> next(ctx, media, m, after));
              } else {
                next(ctx, media, m, after);
              }
            })
        .onFailure(
            e -> {
              if (response.headWritten()) {
                ctx.request().connection().close();
              } else {
                ctx.fail(e);
              }
            });
  }

  static String disposition(MediaRecord m) {
    String type = m.contentType().toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    boolean inline =
        (bare.startsWith("image/") && !bare.contains("svg"))
            || bare.startsWith("audio/")
            || bare.startsWith("video/")
            || INLINE.contains(bare);
    String kind = inline ? "inline" : "attachment";
    if (m.filename() == null) {
      return kind;
    }
    return kind
        + "; filename=\""
        + ascii(m.filename())
        + "\"; filename*=UTF-8''"
        + encoded(m.filename());
  }

  private static String ascii(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
    }
    return out.toString();
  }

  private static String encoded(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", (int) c));
      }
    }
    return out.toString();
  }
}
