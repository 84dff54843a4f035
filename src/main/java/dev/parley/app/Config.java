package dev.parley.app;

import java.nio.file.Path;

/** Everything Parley needs to start, from flags and environment (flags win). */
public record Config(
    String host,
    int port,
    Path dataDir,
    String publicUrl,
    String accountSid,
    String authToken,
    String masterKey,
    WebchatLimits webchatLimits) {

  /**
   * Rate limits of the public Webchat 3 endpoints ({@code /v2/Webchat/*}): requests per minute per
   * client IP and per deployment key, each a token bucket that also allows that many at once.
   */
  public record WebchatLimits(int perIpPerMinute, int perKeyPerMinute) {
    public static final WebchatLimits DEFAULT = new WebchatLimits(30, 300);

    public WebchatLimits {
      if (perIpPerMinute < 1 || perKeyPerMinute < 1) {
        throw new IllegalArgumentException("Webchat rate limits must be at least 1 per minute");
      }
    }
  }

  /** A configuration with the default Webchat rate limits. */
  public Config(
      String host,
      int port,
      Path dataDir,
      String publicUrl,
      String accountSid,
      String authToken,
      String masterKey) {
    this(host, port, dataDir, publicUrl, accountSid, authToken, masterKey, WebchatLimits.DEFAULT);
  }

  public Config withWebchatLimits(WebchatLimits limits) {
    return new Config(host, port, dataDir, publicUrl, accountSid, authToken, masterKey, limits);
  }

  /** The public URL, or {@code http://localhost:<port>} once the port is known. */
  public String publicUrlFor(int boundPort) {
    return publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + boundPort : publicUrl;
  }
}
