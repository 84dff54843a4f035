package dev.parley.app;

import dev.parley.http.HttpLimits;
import dev.parley.media.MediaLimits;
import dev.parley.net.Networks;
import dev.parley.webhooks.DeliverySettings;
import dev.parley.webhooks.OutboundRule;
import dev.parley.webhooks.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./parley serve}: starts the server and runs until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Parley server.")
final class ServeCommand implements Runnable {
  @Option(
      names = "--host",
      defaultValue = "${env:PARLEY_HTTP_HOST:-0.0.0.0}",
      description = "Address to listen on (env PARLEY_HTTP_HOST, default 0.0.0.0).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:PARLEY_HTTP_PORT:-8080}",
      description = "HTTP port (env PARLEY_HTTP_PORT, default 8080; 0 picks a free one).")
  int port;

  @Option(
      names = "--public-url",
      defaultValue = "${env:PARLEY_PUBLIC_URL}",
      description =
          "Base of the absolute URLs in responses (env PARLEY_PUBLIC_URL, default http://localhost:<port>).")
  String publicUrl;

  @Option(
      names = "--account-sid",
      defaultValue = "${env:PARLEY_ACCOUNT_SID}",
      description =
          "Account SID to create in an empty store (env PARLEY_ACCOUNT_SID; default: generated).")
  String accountSid;

  @Option(
      names = "--auth-token",
      defaultValue = "${env:PARLEY_AUTH_TOKEN}",
      description =
          "Auth token of that account (env PARLEY_AUTH_TOKEN; default: generated and printed once).")
  String authToken;

  @Option(
      names = "--webchat-ip-limit",
      defaultValue = "${env:PARLEY_WEBCHAT_IP_LIMIT:-30}",
      description =
          "Webchat 3 requests per minute per client IP (env PARLEY_WEBCHAT_IP_LIMIT, default 30).")
  int webchatIpLimit;

  @Option(
      names = "--webchat-key-limit",
      defaultValue = "${env:PARLEY_WEBCHAT_KEY_LIMIT:-300}",
      description =
          "Webchat 3 requests per minute per deployment key (env PARLEY_WEBCHAT_KEY_LIMIT, default"
              + " 300).")
  int webchatKeyLimit;

  @Option(
      names = "--webhook-max-attempts",
      defaultValue = "${env:PARLEY_WEBHOOK_MAX_ATTEMPTS:-15}",
      description =
          "Attempts per webhook delivery before it is dead-lettered (env PARLEY_WEBHOOK_MAX_ATTEMPTS, default 15).")
  int webhookMaxAttempts;

  @Option(
      names = "--webhook-base-delay-ms",
      defaultValue = "${env:PARLEY_WEBHOOK_BASE_DELAY_MS:-1000}",
      description =
          "Longest wait before the first retry; doubles per retry (env PARLEY_WEBHOOK_BASE_DELAY_MS, default 1000).")
  long webhookBaseDelayMs;

  @Option(
      names = "--webhook-max-delay-ms",
      defaultValue = "${env:PARLEY_WEBHOOK_MAX_DELAY_MS:-600000}",
      description =
          "Cap on the wait between retries (env PARLEY_WEBHOOK_MAX_DELAY_MS, default 600000).")
  long webhookMaxDelayMs;

  @Option(
      names = "--webhook-lease-ms",
      defaultValue = "${env:PARLEY_WEBHOOK_LEASE_MS:-30000}",
      description =
          "How long a node's claim on a conversation's webhooks lasts unrenewed: how soon other nodes"
              + " take over a dead node's (env PARLEY_WEBHOOK_LEASE_MS, default 30000).")
  long webhookLeaseMs;

  @Option(
      names = "--studio-url",
      defaultValue = "${env:PARLEY_STUDIO_URL}",
      description =
          "Where studio webhooks go, as <url>/<FlowSid> (env PARLEY_STUDIO_URL; default: none, they are dead-lettered).")
  String studioUrl;

  @Option(
      names = "--metrics-token",
      defaultValue = "${env:PARLEY_METRICS_TOKEN}",
      description =
          "Bearer token /metrics requires (env PARLEY_METRICS_TOKEN; default: none, /metrics is open).")
  String metricsToken;

  @Option(
      names = "--webhook-allow-networks",
      defaultValue = "${env:PARLEY_WEBHOOK_ALLOW_NETWORKS}",
      description =
          "CIDR blocks webhooks and pre-action hooks may call although they are loopback, private,"
              + " link-local… e.g. 127.0.0.0/8,::1/128 for receivers on this machine (env"
              + " PARLEY_WEBHOOK_ALLOW_NETWORKS; default: none).")
  String webhookAllowNetworks;

  @Option(
      names = "--trusted-proxies",
      defaultValue = "${env:PARLEY_TRUSTED_PROXIES}",
      description =
          "CIDR blocks of the reverse proxies or load balancers in front of Parley, whose"
              + " X-Forwarded-For names the client the per-client limits count (env"
              + " PARLEY_TRUSTED_PROXIES; default: none, the TCP peer is the client).")
  String trustedProxies;

  @Option(
      names = "--http-header-timeout-seconds",
      defaultValue = "${env:PARLEY_HTTP_HEADER_TIMEOUT_SECONDS:-10}",
      description =
          "Seconds a new connection has to send its whole request line and headers before it is"
              + " closed (env PARLEY_HTTP_HEADER_TIMEOUT_SECONDS, default 10).")
  int httpHeaderTimeoutSeconds;

  @Option(
      names = "--http-idle-timeout-seconds",
      defaultValue = "${env:PARLEY_HTTP_IDLE_TIMEOUT_SECONDS:-120}",
      description =
          "Seconds a connection may send and receive nothing before it is closed (env"
              + " PARLEY_HTTP_IDLE_TIMEOUT_SECONDS, default 120).")
  int httpIdleTimeoutSeconds;

  @Option(
      names = "--twilio-hosts",
      defaultValue = "${env:PARLEY_TWILIO_HOSTS:-false}",
      description =
          "Twilio host mode: also serve Twilio's hostnames (conversations.twilio.com,"
              + " tsock.us1.twilio.com…) over TLS with a certificate from a local CA made in the"
              + " data directory; ./parley trust says how to use it (env PARLEY_TWILIO_HOSTS,"
              + " default false).")
  boolean twilioHosts;

  @Option(
      names = "--twilio-hosts-port",
      defaultValue = "${env:PARLEY_TWILIO_HOSTS_PORT:-443}",
      description =
          "TLS port of Twilio host mode (env PARLEY_TWILIO_HOSTS_PORT, default 443; 0 picks a free"
              + " one).")
  int twilioHostsPort;

  @Option(
      names = "--media-max-file-mb",
      defaultValue = "${env:PARLEY_MEDIA_MAX_FILE_MB:-16}",
      description =
          "Largest media upload, in MiB (env PARLEY_MEDIA_MAX_FILE_MB, default 16, Twilio's).")
  int mediaMaxFileMb;

  @Option(
      names = "--media-max-per-message",
      defaultValue = "${env:PARLEY_MEDIA_MAX_PER_MESSAGE:-10}",
      description =
          "Most media one message may carry (env PARLEY_MEDIA_MAX_PER_MESSAGE, default 10,"
              + " Twilio's).")
  int mediaMaxPerMessage;

  @Option(
      names = "--media-max-message-mb",
      defaultValue = "${env:PARLEY_MEDIA_MAX_MESSAGE_MB:-64}",
      description =
          "Largest total of one message's media, in MiB (env PARLEY_MEDIA_MAX_MESSAGE_MB, default"
              + " 64, Twilio's).")
  int mediaMaxMessageMb;

  @Option(
      names = "--media-accepted-types",
      defaultValue = "${env:PARLEY_MEDIA_ACCEPTED_TYPES:-*/*}",
      split = ",",
      description =
          "Content types media uploads may have, e.g. image/*,application/pdf (env"
              + " PARLEY_MEDIA_ACCEPTED_TYPES, default */*: any).")
  List<String> mediaAcceptedTypes;

  @Option(
      names = "--media-unattached-minutes",
      defaultValue = "${env:PARLEY_MEDIA_UNATTACHED_MINUTES:-60}",
      description =
          "Minutes an upload may wait for a message to attach it before it is deleted (env"
              + " PARLEY_MEDIA_UNATTACHED_MINUTES, default 60).")
  int mediaUnattachedMinutes;

  @Mixin StoreOptions store;

  MediaLimits mediaLimits() {
    try {
      return new MediaLimits(
          (long) mediaMaxFileMb << 20,
          mediaMaxPerMessage,
          (long) mediaMaxMessageMb << 20,
          mediaAcceptedTypes,
          Duration.ofMinutes(mediaUnattachedMinutes));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--media-… (PARLEY_MEDIA_…): " + e.getMessage());
    }
  }

  @Override
  public void run() {
    long started = System.nanoTime();
    Config config =
        new Config(
            host,
            port,
            store.dataDir,
            publicUrl,
            accountSid,
            authToken,
            store.masterKey,
            store.databaseUrl,
            new Config.WebchatLimits(webchatIpLimit, webchatKeyLimit),
            new DeliverySettings(
                new RetryPolicy(
                    webhookMaxAttempts,
                    Duration.ofMillis(webhookBaseDelayMs),
                    Duration.ofMillis(webhookMaxDelayMs)),
                studioUrl == null || studioUrl.isBlank() ? null : studioUrl,
                Duration.ofMillis(webhookLeaseMs)),
            metricsToken,
            OutboundRule.allowing(
                networks(
                    webhookAllowNetworks,
                    "--webhook-allow-networks (PARLEY_WEBHOOK_ALLOW_NETWORKS)")),
            HttpLimits.DEFAULT.withTimeouts(
                Duration.ofSeconds(httpHeaderTimeoutSeconds),
                Duration.ofSeconds(httpIdleTimeoutSeconds)),
            mediaLimits(),
            twilioHosts ? new Config.TwilioHostMode(twilioHostsPort) : null,
            networks(trustedProxies, "--trusted-proxies (PARLEY_TRUSTED_PROXIES)"));
    Parley parley = Parley.start(config);
    RunningServer.record(config, parley);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  parley.close();
                  stopped.countDown();
                },
                "parley-shutdown"));
    System.out.println(
        Banner.text(parley, config, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
            + Banner.twilioHosts(parley, config));
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Networks networks(String list, String option) {
    try {
      return Networks.parse(list);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }
}
