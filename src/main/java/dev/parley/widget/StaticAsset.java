package dev.parley.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One file served as it is, with its strong {@code ETag} and a gzipped copy (Parley's HTTP server
 * compresses nothing itself). The widget's build makes both ({@code widget.js.gz}, {@code
 * widget.js.etag}) so that no server start spends time on them; a file without them gets them
 * computed here.
 */
public record StaticAsset(
    String contentType, String cacheControl, byte[] body, byte[] gzipped, String etag) {

  /** True when the classpath has {@code name}: a cheap check that reads nothing. */
  public static boolean exists(String name) {
    return StaticAsset.class.getClassLoader().getResource(name) != null;
  }

  /** The classpath resource {@code name}, or null when the build did not make it. */
  public static StaticAsset load(String name, String contentType, String cacheControl) {
    byte[] body = read(name);
    if (body == null) {
      return null;
    }
    byte[] gzipped = read(name + ".gz");
    byte[] tag = read(name + ".etag");
    return new StaticAsset(
        contentType,
        cacheControl,
        body,
        gzipped == null ? gzip(body) : gzipped,
        "\""
            + (tag == null ? hash(body) : new String(tag, StandardCharsets.US_ASCII).strip())
            + "\"");
  }

  /**
   * Whether an {@code If-None-Match} value names this asset: {@code *} or any listed tag, weak ones
   * included (RFC 9110 §13.1.2 compares weakly for this header).
   */
  public boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String candidate = tag.strip();
      if (candidate.startsWith("W/")) {
        candidate = candidate.substring(2);
      }
      if (candidate.equals("*") || candidate.equals(etag) || candidate.equals(gzipEtag())) {
        return true;
      }
    }
    return false;
  }

  /** The gzipped copy is another representation, so it gets its own tag. */
  public String gzipEtag() {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticAsset.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the classpath", e);
    }
  }

  private static String hash(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
