package dev.parley.app;

import dev.parley.http.HttpLimits;
import dev.parley.media.MediaLimits;
import dev.parley.net.Networks;
import dev.parley.store.Store;
import dev.parley.store.sql.MigrationReport;
import dev.parley.store.sql.PostgresStore;
import dev.parley.store.sql.SqliteStore;
import dev.parley.webhooks.DeliverySettings;
import dev.parley.webhooks.OutboundRule;
import java.nio.file.Path;

/**
 * Everything Parley needs to start, from flags and environment (flags win). {@code outbound} is
 * which addresses Parley may call on a user's behalf ({@code PARLEY_WEBHOOK_ALLOW_NETWORKS});
 * {@code http} the HTTP edge's limits and timeouts; {@code media} the attachments' limits
 * (docs/media.md); {@code twilioHosts} Twilio host mode's listener, null when it is off
 * (docs/twilio-hosts.md); {@code trustedProxies} the proxies whose {@code X-Forwarded-For} names
 * the client (docs/security.md).
 */
public record Config(
    String host,
    int port,
    Path dataDir,
    String publicUrl,
    String accountSid,
    String authToken,
    String masterKey,
    String databaseUrl,
    WebchatLimits webchatLimits,
    DeliverySettings webhooks,
    String metricsToken,
    OutboundRule outbound,
    HttpLimits http,
    MediaLimits media,
    TwilioHostMode twilioHosts,
    Networks trustedProxies) {

  /** Connections per node: enough for the worker threads that run blocking store calls. */
  private static final int POOL_SIZE = 16;

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

  /**
   * Twilio host mode (docs/twilio-hosts.md): Parley also listens with TLS on {@code port} (443
   * unless told otherwise; 0 picks a free one) for Twilio's hostnames, with a certificate from its
   * local CA.
   */
  public record TwilioHostMode(int port) {
    public static final int DEFAULT_PORT = 443;

    public TwilioHostMode {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Twilio host mode port must be 0 to 65535: " + port);
      }
    }
  }

  /**
   * A configuration with the defaults for everything else: Webchat rate limits, webhook delivery,
   * an open {@code /metrics}, no internal webhook address allowed, the HTTP edge's and media's
   * limits, no trusted proxy.
   */
  public Config(
      String host,
      int port,
      Path dataDir,
      String publicUrl,
      String accountSid,
      String authToken,
      String masterKey,
      String databaseUrl) {
    this(
        host,
        port,
        dataDir,
        publicUrl,
        accountSid,
        authToken,
        masterKey,
        databaseUrl,
        WebchatLimits.DEFAULT,
        DeliverySettings.DEFAULT,
        null,
        OutboundRule.DEFAULT,
        HttpLimits.DEFAULT,
        MediaLimits.DEFAULT,
        null,
        Networks.NONE);
  }

  /** The store this configuration names: PostgreSQL when a database URL is set, else SQLite. */
  public Store openStore() {
    return databaseUrl == null || databaseUrl.isBlank()
        ? SqliteStore.open(dataDir.resolve("parley.db"))
        : PostgresStore.open(databaseUrl, POOL_SIZE);
  }

  /** Applies pending migrations to the store this configuration names, without opening it. */
  public MigrationReport migrateStore() {
    return databaseUrl == null || databaseUrl.isBlank()
        ? SqliteStore.migrate(dataDir.resolve("parley.db"))
        : PostgresStore.migrate(databaseUrl);
  }

  /** The public URL, or {@code http://localhost:<port>} once the port is known. */
  public String publicUrlFor(int boundPort) {
    return publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + boundPort : publicUrl;
  }
}
