package dev.parley.app;

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

  @Mixin StoreOptions store;

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
            new Config.WebchatLimits(webchatIpLimit, webchatKeyLimit));
    Parley parley = Parley.start(config);
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
        Banner.text(parley, config, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
