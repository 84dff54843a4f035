package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.DeliveryRecord;
import dev.parley.store.EventRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.Tx;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL job that queues webhook deliveries of its event sends nothing while it runs: each
 * delivery is written by its event's own statement, its {@code event_seq} the event's {@code
 * RETURNING seq} there ({@link DirectStatements.HeldNumber#join}), so a batch of such jobs merges
 * as web chats do ({@link BatchedJobs}, {@link ArrayInsert}), and each delivery still references
 * its own event.
 */
@PostgresqlOnly
class BatchedDeliveriesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static PostgresStore store;
  private static String service;

  @BeforeAll
  static void openStore() {
    assumeTrue(server.onPostgres(), "the writers' batches are PostgreSQL's");
    store = PostgresStore.open(server.databaseUrl(), 8);
    service = ParleyServer.defaultChatServiceSid(store);
  }

  @AfterAll
  static void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void posts_queuing_deliveries_are_written_as_one_without_a_savepoint_each() throws Exception {
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      posts.add(new Post("merged-" + i, conversation(), 2));
    }

    List<Future<Object>> writes =
        OneBatch.run(store, works(posts).stream().map(w -> new OneBatch.Write(null, w)).toList());

    for (Future<Object> write : writes) {
      write.get();
    }
    // A job in a savepoint of its own writes its rows under a subtransaction id of its own.
    assertThat(transactionIds(posts)).isNotEmpty().hasSizeLessThanOrEqualTo(posts.size() / 2);
  }

  @Test
  void each_delivery_of_a_merged_batch_references_its_own_event() throws Exception {
    String shared = conversation();
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // Every fourth post goes to one conversation they share; the others each to one of their own.
      posts.add(new Post("own-" + i, i % 4 == 0 ? shared : conversation(), 2));
    }

    List<Future<Object>> writes =
        OneBatch.run(store, works(posts).stream().map(w -> new OneBatch.Write(null, w)).toList());

    List<Long> seqs = new ArrayList<>();
    for (Future<Object> write : writes) {
      seqs.add(((LongSupplier) write.get()).getAsLong());
    }
    Map<String, Long> eventOf = eventSeqs(posts);
    List<Long> sharedEvents = new ArrayList<>();
    for (int i = 0; i < posts.size(); i++) {
      long seq = seqs.get(i);
      Post post = posts.get(i);
      var stored = store.read(tx -> store.events().find(tx, seq));
      assertThat(stored).map(EventRecord::params).contains(post.name());
      for (DeliveryRecord delivery : post.deliveries()) {
        assertThat(eventOf.get(delivery.sid())).as(delivery.lane()).isEqualTo(seq);
      }
      if (post.conversation().equals(shared)) {
        sharedEvents.add(seq);
      }
    }
    // The shared conversation's events numbered in its posts' order, and so its lanes' deliveries.
    assertThat(sharedEvents).isSorted();
    assertThat(deliverySeqs(posts, shared + " 0")).isSorted().hasSize(sharedEvents.size());
    assertThat(transactionIds(posts)).isNotEmpty().hasSizeLessThanOrEqualTo(posts.size() / 2);
  }

  @Test
  void a_merged_post_whose_delivery_breaks_a_unique_key_fails_alone() throws Exception {
    Post committed = new Post("committed", conversation(), 1);
    store.write(works(List.of(committed)).get(0));
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // The 6th queues a delivery with a committed delivery's SID.
      String taken = i == 5 ? committed.deliveries().get(0).sid() : null;
      posts.add(new Post("alone-" + i, conversation(), 2, taken));
    }

    List<Future<Object>> writes =
        OneBatch.run(store, works(posts).stream().map(w -> new OneBatch.Write(null, w)).toList());

    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      if (i == 5) {
        assertThatThrownBy(writes.get(i)::get).isInstanceOf(ExecutionException.class);
        seqs.add(null);
      } else {
        seqs.add(((LongSupplier) writes.get(i).get()).getAsLong());
      }
    }
    Map<String, Long> eventOf = eventSeqs(posts);
    for (int i = 0; i < writes.size(); i++) {
      Post post = posts.get(i);
      if (i == 5) {
        assertThat(eventOf).doesNotContainKey(post.deliveries().get(1).sid());
        assertThat(eventsOf(post.conversation())).isZero();
        continue;
      }
      long seq = seqs.get(i);
      for (DeliveryRecord delivery : post.deliveries()) {
        assertThat(eventOf.get(delivery.sid())).as(delivery.lane()).isEqualTo(seq);
      }
    }
  }

  @Test
  void posts_that_look_a_kept_studio_flow_up_before_queuing_still_merge() throws Exception {
    Instant now = Instant.now();
    String flow = "FW" + UUID.randomUUID().toString().replace("-", "");
    store.write(
        tx -> {
          store
              .studio()
              .insertFlow(
                  tx,
                  new StudioFlowRecord(
                      flow, ParleyServer.ACCOUNT_SID, "kept", "draft", 1, null, now, now));
          return null;
        });
    // Read once, then kept: the planner looks it up for every message to a Studio conversation.
    store.read(tx -> store.studio().findFlow(tx, ParleyServer.ACCOUNT_SID, flow));
    List<Post> posts = new ArrayList<>();
    List<OneBatch.Write> writes = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Post post = new Post("studio-" + i, conversation(), 1);
      posts.add(post);
      writes.add(
          new OneBatch.Write(
              null,
              tx -> {
                LongSupplier seq = store.events().append(tx, event(post), post.conversation());
                assertThat(store.studio().findFlow(tx, ParleyServer.ACCOUNT_SID, flow)).isPresent();
                store.deliveries().insert(tx, post.deliveries().get(0), seq);
                return seq;
              }));
    }

    List<Future<Object>> results = OneBatch.run(store, writes);

    for (Future<Object> result : results) {
      result.get();
    }
    assertThat(transactionIds(posts)).isNotEmpty().hasSizeLessThanOrEqualTo(posts.size() / 2);
  }

  @Test
  void a_delivery_queued_after_its_event_was_sent_references_it() throws Exception {
    Post post = new Post("sent-first", conversation(), 1);

    long seq =
        store.write(
            tx -> {
              LongSupplier event = store.events().append(tx, event(post), post.conversation());
              // A read sends what the job holds, the event's INSERT with it.
              store.users().find(tx, service, "US" + post.name());
              store.deliveries().insert(tx, post.deliveries().get(0), event);
              return event.getAsLong();
            });

    assertThat(eventSeqs(List.of(post))).containsEntry(post.deliveries().get(0).sid(), seq);
  }

  /** A post to {@code conversation}: its event and deliveries ({@code taken}: the first's SID). */
  private record Post(String name, String conversation, List<DeliveryRecord> deliveries) {
    Post(String name, String conversation, int count) {
      this(name, conversation, count, null);
    }

    Post(String name, String conversation, int count, String taken) {
      this(
          name + "-" + UUID.randomUUID(),
          conversation,
          BatchedDeliveriesTest.deliveries(conversation, count, taken));
    }
  }

  /** Each post's event appended to its conversation's turn, then its deliveries queued. */
  private static List<Function<Tx, Object>> works(List<Post> posts) {
    List<Function<Tx, Object>> works = new ArrayList<>();
    for (Post post : posts) {
      works.add(
          tx -> {
            LongSupplier seq = store.events().append(tx, event(post), post.conversation());
            for (DeliveryRecord delivery : post.deliveries()) {
              store.deliveries().insert(tx, delivery, seq);
            }
            // Read after the commit: asking for it in the job would send its statements.
            return seq;
          });
    }
    return works;
  }

  /** The event each of {@code posts}' deliveries references, by delivery SID. */
  private static Map<String, Long> eventSeqs(List<Post> posts) throws Exception {
    Map<String, Long> seqs = new HashMap<>();
    query(
        "SELECT sid, event_seq FROM webhook_deliveries WHERE sid = ANY (?)",
        sids(posts),
        rows -> seqs.put(rows.getString(1), rows.getLong(2)));
    return seqs;
  }

  /** The seqs of {@code posts}' deliveries of {@code lane}, in their posts' order. */
  private static List<Long> deliverySeqs(List<Post> posts, String lane) throws Exception {
    Map<String, Long> bySid = new HashMap<>();
    query(
        "SELECT sid, seq FROM webhook_deliveries WHERE sid = ANY (?)",
        sids(posts),
        rows -> bySid.put(rows.getString(1), rows.getLong(2)));
    List<Long> seqs = new ArrayList<>();
    for (Post post : posts) {
      for (DeliveryRecord delivery : post.deliveries()) {
        if (delivery.lane().equals(lane)) {
          seqs.add(bySid.get(delivery.sid()));
        }
      }
    }
    return seqs;
  }

  private static long eventsOf(String conversation) throws Exception {
    long[] count = {0};
    query(
        "SELECT count(*) FROM events WHERE conversation_sid = ANY (?)",
        new String[] {conversation},
        rows -> count[0] = rows.getLong(1));
    return count[0];
  }

  /** The transaction ids (subtransactions' own) under which {@code posts}' rows were written. */
  private static Set<String> transactionIds(List<Post> posts) throws Exception {
    Set<String> ids = new HashSet<>();
    query(
        "SELECT xmin::text FROM webhook_deliveries WHERE sid = ANY (?)",
        sids(posts),
        rows -> ids.add(rows.getString(1)));
    return ids;
  }

  private interface Row {
    void read(ResultSet row) throws Exception;
  }

  /** Runs {@code sql} on the store's own database, its one parameter {@code values}. */
  private static void query(String sql, String[] values, Row row) {
    store.read(
        tx -> {
          Connection connection = SqlTx.of(tx).getConnection();
          try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("text", values));
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                row.read(rows);
              }
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return null;
        });
  }

  private static String[] sids(List<Post> posts) {
    return posts.stream()
        .flatMap(post -> post.deliveries().stream())
        .map(DeliveryRecord::sid)
        .toArray(String[]::new);
  }

  private static String conversation() {
    return "CH" + UUID.randomUUID().toString().replace("-", "");
  }

  private static List<DeliveryRecord> deliveries(String conversation, int count, String taken) {
    Instant now = Instant.now();
    List<DeliveryRecord> deliveries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String sid =
          i == 0 && taken != null ? taken : "WD" + UUID.randomUUID().toString().replace("-", "");
      // Delivered already: the server's delivery engine, on the same database, leaves them be.
      deliveries.add(
          new DeliveryRecord(
              0,
              sid,
              ParleyServer.ACCOUNT_SID,
              0,
              conversation,
              conversation + " " + i,
              "webhook",
              null,
              "http://127.0.0.1:9/" + i,
              "POST",
              "delivered",
              1,
              null,
              200,
              null,
              1,
              now,
              now,
              0));
    }
    return deliveries;
  }

  private static EventRecord event(Post post) {
    return new EventRecord(
        0,
        ParleyServer.ACCOUNT_SID,
        service,
        post.conversation(),
        "onMessageAdded",
        "API",
        null,
        post.name(),
        Instant.now());
  }
}
