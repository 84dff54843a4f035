package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.ServiceRecord;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stores on one PostgreSQL database, as two nodes have: a service read from a snapshot older
 * than a change the reading node has already heard of is used by its transaction, but not kept; and
 * nothing kept outlives a lost listening connection.
 */
@PostgresqlOnly
class KeptConfigurationRaceTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String ACCOUNT = ParleyServer.ACCOUNT_SID;

  private PostgresStore writer;
  private PostgresStore reader;
  private final LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();

  @BeforeEach
  void twoNodes() {
    assumeTrue(server.onPostgres(), "two nodes need the PostgreSQL store");
    writer = PostgresStore.open(server.databaseUrl(), 6);
    reader = PostgresStore.open(server.databaseUrl(), 6);
    reader.broadcasts().listen(PostgresStore.KEPT, heard::add);
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
      reader.close();
    }
  }

  @Test
  void a_service_read_from_a_snapshot_taken_before_a_change_is_not_kept_after_it_is_heard()
      throws Exception {
    String service = defaultService();
    rename(service, "before");
    awaitHeard();

    String readInside =
        reader.read(
            tx -> {
              reader.accounts().find(tx, ACCOUNT).orElseThrow();
              rename(service, "after");
              awaitHeard();
              return reader.services().find(tx, ACCOUNT, service).orElseThrow().friendlyName();
            });

    assertThat(readInside).isEqualTo("before");
    assertThat(nameOn(reader, service)).isEqualTo("after");
  }

  @Test
  void a_change_made_while_the_listening_connection_was_down_is_read_once_it_is_back()
      throws Exception {
    String service = defaultService();
    rename(service, "before");
    awaitHeard();
    assertThat(nameOn(reader, service)).isEqualTo("before");

    try (Connection db = server.connect();
        Statement statement = db.createStatement()) {
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'parley-broadcasts' AND datname = current_database()");
    }
    rename(service, "after");

    await().atMost(Duration.ofSeconds(10)).until(() -> nameOn(reader, service), "after"::equals);
  }

  private String defaultService() {
    return reader.read(
        tx -> reader.accounts().configuration(tx, ACCOUNT).orElseThrow().defaultChatServiceSid());
  }

  private String nameOn(PostgresStore store, String service) {
    return store.read(
        tx -> store.services().find(tx, ACCOUNT, service).orElseThrow().friendlyName());
  }

  private void rename(String sid, String name) {
    writer.write(
        tx -> {
          ServiceRecord s = writer.services().find(tx, ACCOUNT, sid).orElseThrow();
          writer
              .services()
              .update(
                  tx,
                  new ServiceRecord(
                      s.sid(),
                      s.accountSid(),
                      name,
                      s.defaultConversationCreatorRoleSid(),
                      s.defaultConversationRoleSid(),
                      s.defaultChatServiceRoleSid(),
                      s.reachabilityEnabled(),
                      s.notifications(),
                      s.preWebhookUrl(),
                      s.postWebhookUrl(),
                      s.webhookMethod(),
                      s.webhookFilters(),
                      s.dateCreated(),
                      s.dateUpdated()));
          return null;
        });
  }

  /** Returns once the reading node has heard the change's message (after its store did). */
  private void awaitHeard() {
    try {
      assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(SharedReads.ALL);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
