package dev.parley.testing;

import static io.restassured.RestAssured.given;

import dev.parley.app.Config;
import dev.parley.app.Parley;
import dev.parley.http.HttpLimits;
import dev.parley.media.MediaLimits;
import dev.parley.net.Networks;
import dev.parley.realtime.RealtimeSettings;
import dev.parley.realtime.Upstream;
import dev.parley.store.Store;
import dev.parley.webhooks.DeliverySettings;
import dev.parley.webhooks.OutboundRule;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Parley (the same {@link Parley#start} as {@code main}) on a free port with a fresh
 * store for each test class, and hands out clients pointed at it.
 */
public final class ParleyServer implements BeforeAllCallback, AfterAllCallback {
  public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
  public static final String AUTH_TOKEN = "test-auth-token-0000000000000001";

  /**
   * What tests allow by default, as a developer would: the suite's receivers listen on loopback.
   * Tests of the rule itself start a server {@link #withOutbound} {@link OutboundRule#DEFAULT}.
   */
  public static final OutboundRule LOOPBACK_ALLOWED =
      OutboundRule.allowing(Networks.parse("127.0.0.0/8,::1/128"));

  private final SettableClock clock = new SettableClock();
  private final Config.WebchatLimits webchatLimits;
  private final DeliverySettings webhooks;
  private RealtimeSettings realtime = RealtimeSettings.DEFAULT;
  private OutboundRule outbound = LOOPBACK_ALLOWED;
  private HttpLimits http = HttpLimits.DEFAULT;
  private MediaLimits media = MediaLimits.DEFAULT;
  private Upstream upstream;
  private Config.TwilioHostMode twilioHosts;
  private Networks trustedProxies = Networks.NONE;
  private Parley parley;
  private Path dataDir;
  private TestDatabase database;

  /** A server with Webchat rate limits high enough that no test meets them by accident. */
  public ParleyServer() {
    this(NO_WEBCHAT_LIMITS, DeliverySettings.DEFAULT);
  }

  /** A server with these Webchat rate limits (requests per minute per IP and per key). */
  public ParleyServer(Config.WebchatLimits webchatLimits) {
    this(webchatLimits, DeliverySettings.DEFAULT);
  }

  /** A server with these webhook delivery settings (tests retry within milliseconds). */
  public ParleyServer(DeliverySettings webhooks) {
    this(NO_WEBCHAT_LIMITS, webhooks);
  }

  private ParleyServer(Config.WebchatLimits webchatLimits, DeliverySettings webhooks) {
    this.webchatLimits = webchatLimits;
    this.webhooks = webhooks;
  }

  private static final Config.WebchatLimits NO_WEBCHAT_LIMITS =
      new Config.WebchatLimits(10_000, 10_000);

  /**
   * This server with these Twilsock timings, answering tunnelled requests with {@code upstream}
   * instead of Parley's own (null keeps Parley's).
   */
  public ParleyServer withRealtime(RealtimeSettings settings, Upstream upstream) {
    this.realtime = settings;
    this.upstream = upstream;
    return this;
  }

  /** This server with this rule for the addresses webhooks may call. */
  public ParleyServer withOutbound(OutboundRule rule) {
    this.outbound = rule;
    return this;
  }

  /** This server with these HTTP limits and timeouts (tests of slow or oversized clients). */
  public ParleyServer withHttpLimits(HttpLimits limits) {
    this.http = limits;
    return this;
  }

  /** This server in Twilio host mode, its TLS listener on a free port (docs/twilio-hosts.md). */
  public ParleyServer withTwilioHosts() {
    this.twilioHosts = new Config.TwilioHostMode(0);
    return this;
  }

  /** This server believing {@code X-Forwarded-For} from these proxies (docs/security.md). */
  public ParleyServer withTrustedProxies(String cidrs) {
    this.trustedProxies = Networks.parse(cidrs);
    return this;
  }

  /** This server with these media limits (sizes, count, accepted types). */
  public ParleyServer withMedia(MediaLimits limits) {
    this.media = limits;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
    if (database != null) {
      database.drop();
      database = null;
    }
  }

  public void start() {
    try {
      dataDir = Files.createTempDirectory("parley-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (TestDatabase.wanted()) {
      database = TestDatabase.create();
    }
    parley = Parley.start(config(), clock, realtime, upstream);
  }

  private Config config() {
    return new Config(
        "127.0.0.1",
        0,
        dataDir,
        null,
        ACCOUNT_SID,
        AUTH_TOKEN,
        null,
        database == null ? null : database.url(),
        webchatLimits,
        webhooks,
        null,
        outbound,
        http,
        media,
        twilioHosts,
        trustedProxies);
  }

  /** A direct connection to the server's database, for rows no API can write. */
  public Connection connect() throws SQLException {
    if (database != null) {
      return database.connect();
    }
    Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("parley.db").toAbsolutePath());
    connection.createStatement().execute("PRAGMA busy_timeout = 10000");
    return connection;
  }

  public void stop() {
    if (parley != null) {
      parley.close();
      parley = null;
    }
  }

  /** Stops and starts again on the same store, as a restart would. */
  public void restart() {
    stop();
    parley = Parley.start(config(), clock, realtime, upstream);
  }

  /** The SID of the test account's default chat service, as {@code store} holds it. */
  public static String defaultChatServiceSid(Store store) {
    return store.read(
        tx ->
            store.accounts().configuration(tx, ACCOUNT_SID).orElseThrow().defaultChatServiceSid());
  }

  /** Whether this server keeps its data in PostgreSQL (and so can have other nodes). */
  public boolean onPostgres() {
    return database != null;
  }

  /**
   * Another node on the same PostgreSQL database and master key, on its own port: what a second
   * instance behind a load balancer is. The caller closes it.
   */
  public Parley startAnotherNode() {
    if (database == null) {
      throw new IllegalStateException("only a server on PostgreSQL can have another node");
    }
    return Parley.start(config(), clock);
  }

  /** The server's clock: move it forward to make timers come due. */
  public SettableClock clock() {
    return clock;
  }

  /** The running server, for tests of domain seams no endpoint reaches yet. */
  public Parley parley() {
    return parley;
  }

  public int port() {
    return parley.port();
  }

  /** The TLS port of Twilio host mode; -1 without it. */
  public int twilioHostsPort() {
    return parley.twilioHostsPort();
  }

  /** Host mode's CA certificate (PEM), what NODE_EXTRA_CA_CERTS names. */
  public Path twilioHostsCa() {
    return dataDir.resolve("twilio-hosts").resolve("ca.pem");
  }

  /** Host mode's trust store for Java (PKCS#12, password {@code changeit}) holding that CA. */
  public Path twilioHostsTrustStore() {
    return dataDir.resolve("twilio-hosts").resolve("ca-truststore.p12");
  }

  public String baseUrl() {
    return parley.publicUrl();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The PostgreSQL URL the server runs on, or null on the embedded store. */
  public String databaseUrl() {
    return database == null ? null : database.url();
  }

  /**
   * A REST Assured request to this server, unauthenticated, with UTF-8 form encoding. Every
   * response is checked against the official OpenAPI spec.
   */
  public RequestSpecification anonymous() {
    return unchecked().filter(new SchemaCheck());
  }

  /** Like {@link #anonymous()} but without the schema check, for deliberately odd requests. */
  public RequestSpecification unchecked() {
    return given()
        .config(
            RestAssuredConfig.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .defaultCharsetForContentType(
                            "UTF-8", "application/x-www-form-urlencoded")))
        .baseUri(baseUrl());
  }

  /** A REST Assured request authenticated as the bootstrapped account. */
  public RequestSpecification api() {
    return as(ACCOUNT_SID, AUTH_TOKEN);
  }

  /** A REST Assured request authenticated with the given credentials. */
  public RequestSpecification as(String username, String password) {
    return anonymous().auth().preemptive().basic(username, password);
  }
}
