package dev.parley.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data-dir>/server.json}: what {@code ./parley serve} last started on a data directory, so
 * that {@code ./parley token} and {@code ./parley agents} find that server's URL and store without
 * flags. Owner-only (0600) like {@code master.key} beside it, since a PostgreSQL URL may hold a
 * password. Rewritten by every start and left in place on exit: the store it names stays useful.
 *
 * @param url the server's public URL (the base of the URLs in its responses)
 * @param localUrl where a command on this machine reaches it ({@code localhost} when it listens on
 *     every address)
 * @param pid the server's process id
 * @param databaseUrl its PostgreSQL URL; null for the embedded store in the data directory
 * @param twilioHostsPort the TLS port of Twilio host mode; null when host mode is off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record RunningServer(
    @JsonProperty("url") String url,
    @JsonProperty("local_url") String localUrl,
    @JsonProperty("pid") long pid,
    @JsonProperty("database_url") String databaseUrl,
    @JsonProperty("twilio_hosts_port") Integer twilioHostsPort) {
  static final String FILE = "server.json";
  private static final ObjectMapper JSON = Json.MAPPER;

  private static final Logger log = LoggerFactory.getLogger(RunningServer.class);

  /**
   * Records a started server in its data directory; a failure only costs the commands their
   * defaults (they then need --url), so it is logged and the server runs on.
   */
  static void record(Config config, Parley parley) {
    try {
      of(config, parley.publicUrl(), parley.port(), parley.twilioHostsPort())
          .write(config.dataDir());
    } catch (RuntimeException e) {
      log.warn(
          "event=server_file_not_written data_dir={} reason={}", config.dataDir(), e.toString());
    }
  }

  /** A server without Twilio host mode. */
  RunningServer(String url, String localUrl, long pid, String databaseUrl) {
    this(url, localUrl, pid, databaseUrl, null);
  }

  /**
   * What a server started with {@code config}, listening on {@code port} (and {@code
   * twilioHostsPort} for host mode, -1 without), writes.
   */
  static RunningServer of(Config config, String publicUrl, int port, int twilioHostsPort) {
    String host = config.host();
    if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String database =
        config.databaseUrl() == null || config.databaseUrl().isBlank()
            ? null
            : config.databaseUrl();
    return new RunningServer(
        publicUrl,
        "http://" + host + ":" + port,
        ProcessHandle.current().pid(),
        database,
        twilioHostsPort < 0 ? null : twilioHostsPort);
  }

  /** Replaces {@code <dataDir>/server.json} in one step, so a reader never sees half a file. */
  void write(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path temp = dataDir.resolve(FILE + ".tmp");
      Files.deleteIfExists(temp);
      try {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(temp);
      }
      Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
      Files.move(
          temp,
          dataDir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  /** The last server started on {@code dataDir}, if one was. */
  static Optional<RunningServer> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), RunningServer.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Whether its process still runs (on this machine; a reused pid reads as running). */
  boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
