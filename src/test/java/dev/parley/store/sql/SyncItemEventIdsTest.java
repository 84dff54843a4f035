package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new message's Sync item reads its list's next event id in the statement before the one that
 * takes it, in one round trip: two nodes changing one list at once never give an item an id that is
 * not the one its list took for it.
 */
@PostgresqlOnly
class SyncItemEventIdsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static PostgresStore one;
  private static PostgresStore other;
  private static String service;

  @BeforeAll
  static void openStores() {
    assumeTrue(server.onPostgres(), "two nodes need PostgreSQL");
    one = PostgresStore.open(server.databaseUrl(), 8);
    other = PostgresStore.open(server.databaseUrl(), 8);
    service = ParleyServer.defaultChatServiceSid(one);
  }

  @AfterAll
  static void closeStores() {
    if (one != null) {
      one.close();
    }
    if (other != null) {
      other.close();
    }
  }

  @Test
  void items_added_on_two_nodes_at_once_carry_the_ids_their_list_took() throws Exception {
    SyncObjectRecord list = object("list", null);
    SyncObjectRecord document = object("document", "{}");
    one.write(
        tx -> {
          one.sync().insertAll(tx, List.of(list, document));
          return null;
        });
    ExecutorService writers = Executors.newFixedThreadPool(32);
    List<Future<long[]>> added = new ArrayList<>();
    List<Future<Long>> edits = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      PostgresStore node = i % 2 == 0 ? one : other;
      long index = i;
      added.add(
          writers.submit(
              () ->
                  node.write(
                      tx ->
                          node.sync()
                              .addItemAndNextEventIds(
                                  tx,
                                  item(list, index),
                                  document.sid(),
                                  "{\"last\":" + index + "}",
                                  Instant.now())
                              .get())));
      // Other changes of the list (an edited message's item) take its ids meanwhile.
      edits.add(
          writers.submit(
              () ->
                  node.write(tx -> node.sync().nextEventId(tx, list.sid(), null, Instant.now()))));
    }
    writers.shutdown();

    Set<Long> taken = new HashSet<>();
    for (int i = 0; i < added.size(); i++) {
      long id = added.get(i).get()[0];
      String key = Long.toString(i);
      SyncItemRecord stored =
          one.read(tx -> one.sync().findItem(tx, list.sid(), key).orElseThrow());
      assertThat(stored.createdEventId()).as("item %d", i).isEqualTo(id);
      assertThat(stored.lastEventId()).as("item %d", i).isEqualTo(id);
      taken.add(id);
    }
    for (Future<Long> edit : edits) {
      taken.add(edit.get());
    }
    assertThat(taken).hasSize(240);
    assertThat(one.read(tx -> one.sync().find(tx, service, list.sid())).orElseThrow().lastEventId())
        .isEqualTo(240);
  }

  private static SyncObjectRecord object(String kind, String data) {
    String hex = UUID.randomUUID().toString().replace("-", "");
    Instant now = Instant.now();
    return new SyncObjectRecord(
        "ES" + hex, ParleyServer.ACCOUNT_SID, service, kind + "-" + hex, kind, 0, data, now, now);
  }

  private static SyncItemRecord item(SyncObjectRecord list, long index) {
    Instant now = Instant.now();
    return new SyncItemRecord(list.sid(), Long.toString(index), index, "{}", 0, 0, false, now, now);
  }
}
