package dev.parley.app;

import dev.parley.http.HttpLimits;
import dev.parley.media.MediaLimits;
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
 * (docs/media.md).
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
    MediaLimits media) {

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
   * A configuration that allows no internal webhook address, with the default HTTP limits and
   * timeouts and the default media limits.
   */
  public Config(
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
      String metricsToken) {
    this(
        host,
        port,
        dataDir,
        publicUrl,
        accountSid,
        authToken,
        masterKey,
        databaseUrl,
        webchatLimits,
        webhooks,
        metricsToken,
        OutboundRule.DEFAULT,
        HttpLimits.DEFAULT,
        MediaLimits.DEFAULT);
  }

  /** A configuration whose {@code /metrics} needs no token. */
  public Config(
      String host,
      int port,
      Path dataDir,
      String publicUrl,
      String accountSid,
      String authToken,
      String masterKey,
      String databaseUrl,
      WebchatLimits webchatLimits,
      DeliverySettings webhooks) {
    this(
        host,
        port,
        dataDir,
        publicUrl,
        accountSid,
        authToken,
        masterKey,
        databaseUrl,
        webchatLimits,
        webhooks,
        null);
  }

  /** A configuration with the default Webchat rate limits and webhook delivery settings. */
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
        DeliverySettings.DEFAULT);
  }

  public Config withWebchatLimits(WebchatLimits limits) {
    return new Config(
        host,
        port,
        dataDir,
        publicUrl,
        accountSid,
        authToken,
        masterKey,
        databaseUrl,
        limits,
        webhooks,
        metricsToken,
        outbound,
        http,
        media);
  }

  public Config withWebhooks(DeliverySettings settings) {
    return new Config(
        host,
        port,
        dataDir,
        publicUrl,
        accountSid,
        authToken,
        masterKey,
        databaseUrl,
        webchatLimits,
        settings,
        metricsToken,
        outbound,
        http,
        media);
  }

  public Config withHttp(HttpLimits limits) {
    return new Config(
        host,
        port,
        dataDir,
        publicUrl,
        accountSid,
        authToken,
        masterKey,
        databaseUrl,
        webchatLimits,
        webhooks,
        metricsToken,
        outbound,
        limits,
        media);
  }

  public Config withMedia(MediaLimits limits) {
    return new Config(
        host,
        port,
        dataDir,
        publicUrl,
        accountSid,
        authToken,
        masterKey,
        databaseUrl,
        webchatLimits,
        webhooks,
        metricsToken,
        outbound,
        http,
        limits);
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
