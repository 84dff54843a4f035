package dev.parley.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One file served as it is, with its strong {@code ETag} (a SHA-256 prefix of its bytes) and a
 * gzipped copy made once, since Parley's HTTP server compresses nothing itself.
 */
record StaticAsset(
    String contentType, String cacheControl, byte[] body, byte[] gzipped, String etag) {

  /** The classpath resource {@code name}, or null when the build did not make it. */
  static StaticAsset load(String name, String contentType, String cacheControl) {
    try (InputStream in = StaticAsset.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : of(in.readAllBytes(), contentType, cacheControl);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the classpath", e);
    }
  }

  static StaticAsset of(byte[] body, String contentType, String cacheControl) {
    return new StaticAsset(contentType, cacheControl, body, gzip(body), etagOf(body));
  }

  /**
   * Whether an {@code If-None-Match} value names this asset: {@code *} or any listed tag, weak ones
   * included (RFC 9110 §13.1.2 compares weakly for this header).
   */
  boolean matches(String ifNoneMatch) {
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
  String gzipEtag() {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  private static String etagOf(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
