package dev.parley.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.testing.ParleyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Auth tokens and key secrets are stored sealed and never logged. */
class SealedSecretsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
  }

  /**
   * Everything stored about accounts and keys: their rows as the database returns them and, for the
   * embedded store, the raw bytes of its file and write-ahead log.
   */
  private static String storedBytes() throws IOException, SQLException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(server.dataDir())) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("parley.db")).toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      for (String table : new String[] {"accounts", "api_keys"}) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
          while (rows.next()) {
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
              all.append(rows.getString(column)).append('\n');
            }
          }
        }
      }
    }
    return all.toString();
  }

  @Test
  void stores_the_subaccount_token_and_key_secret_sealed() throws IOException, SQLException {
    Credentials sub = Credentials.subaccount(server, "sealed");
    Credentials key = sub.key(server);

    String stored = storedBytes();

    assertThat(stored).contains(sub.user()).contains(key.user());
    assertThat(stored)
        .doesNotContain(sub.password())
        .doesNotContain(key.password())
        .doesNotContain(ParleyServer.AUTH_TOKEN);
  }

  @Test
  void never_logs_a_token_or_secret() {
    Credentials sub = Credentials.subaccount(server, "quiet");
    Credentials key = sub.key(server);
    key.on(server).get("/v1/Conversations");
    server.as(sub.user(), "wrong guess").get("/v1/Conversations");

    String logged =
        String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());

    assertThat(logged).contains(sub.user()).contains(key.user());
    assertThat(logged)
        .doesNotContain(sub.password())
        .doesNotContain(key.password())
        .doesNotContain("wrong guess");
  }
}
