package dev.parley.app;

import dev.parley.webhooks.DeliverySettings;
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
    DeliverySettings webhooks) {

  /** With the default webhook delivery settings. */
  public Config(
      String host,
      int port,
      Path dataDir,
      String publicUrl,
      String accountSid,
      String authToken,
      String masterKey) {
    this(
        host, port, dataDir, publicUrl, accountSid, authToken, masterKey, DeliverySettings.DEFAULT);
  }

  public Config withWebhooks(DeliverySettings settings) {
    return new Config(host, port, dataDir, publicUrl, accountSid, authToken, masterKey, settings);
  }

  /** The public URL, or {@code http://localhost:<port>} once the port is known. */
  public String publicUrlFor(int boundPort) {
    return publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + boundPort : publicUrl;
  }
}
