package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore.IndexTaken;
import dev.parley.store.ConversationStore.IndexWanted;
import dev.parley.store.EventRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Tx;
import dev.parley.store.sql.OneBatch.Write;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL batch of message posts takes their indexes in one statement before they run ({@link
 * MessageIndexes}): each post still gets its conversation's next index in the order the posts run,
 * with no gap where one fails, and the author's participant as one statement would give it.
 */
@PostgresqlOnly
class MessageIndexesTest {
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

  /** What a post's job saw: the index it took, its author's participant, and a reservation. */
  private record Taken(long index, String author, boolean reserved) {}

  @Test
  void posts_to_two_conversations_in_one_batch_take_consecutive_indexes_from_one_reservation()
      throws Exception {
    String a = conversation();
    String b = conversation();
    String ann = participant(a, "ann");
    List<String> order = List.of(a, b, a, a, b, a);
    List<Write> writes = new ArrayList<>();
    for (String sid : order) {
      writes.add(post(sid, "ann"));
    }

    List<Future<Object>> results = OneBatch.run(store, writes);

    List<Taken> taken = new ArrayList<>();
    for (Future<Object> result : results) {
      taken.add((Taken) result.get());
    }
    assertThat(taken).extracting(Taken::reserved).containsOnly(true);
    assertThat(taken).extracting(Taken::index).containsExactly(0L, 0L, 1L, 2L, 1L, 3L);
    assertThat(taken).extracting(Taken::author).containsExactly(ann, null, ann, ann, null, ann);
    assertThat(lastIndex(a)).isEqualTo(3);
    assertThat(lastIndex(b)).isEqualTo(1);
  }

  @Test
  void a_post_that_fails_after_taking_its_index_gives_it_back_to_the_next() throws Exception {
    String a = conversation();
    List<Write> writes =
        List.of(post(a, null), failingPost(a), post(a, null), failingPost(a), failingPost(a));

    List<Future<Object>> results = OneBatch.run(store, writes);

    assertThat(((Taken) results.get(0).get()).index()).isEqualTo(0);
    assertThatThrownBy(results.get(1)::get).isInstanceOf(ExecutionException.class);
    assertThat(((Taken) results.get(2).get()).index()).isEqualTo(1);
    // The last two took indexes reserved for them and failed: the conversation stands at 1.
    assertThat(lastIndex(a)).isEqualTo(1);
    long next = store.write(tx -> takeIndex(tx, a, null).conversation().lastMessageIndex());
    assertThat(next).isEqualTo(2);
  }

  @Test
  void a_failing_first_post_drops_the_reservation_and_the_others_take_their_own() throws Exception {
    String a = conversation();
    List<Write> writes = List.of(failingPost(a), post(a, null), post(a, null));

    List<Future<Object>> results = OneBatch.run(store, writes);

    assertThatThrownBy(results.get(0)::get).isInstanceOf(ExecutionException.class);
    assertThat(((Taken) results.get(1).get()).index()).isEqualTo(0);
    assertThat(((Taken) results.get(2).get()).index()).isEqualTo(1);
    assertThat(lastIndex(a)).isEqualTo(1);
  }

  @Test
  void a_post_queued_after_another_write_sees_that_write() throws Exception {
    String a = conversation();
    Write close =
        new Write(
            null,
            tx -> {
              ConversationRecord c = store.conversations().find(tx, service, a).orElseThrow();
              store.conversations().update(tx, closed(c));
              return null;
            });
    List<Write> writes = List.of(post(a, null), post(a, null), close, post(a, null));

    List<Future<Object>> results = OneBatch.run(store, writes);

    assertThat(((Taken) results.get(1).get()).index()).isEqualTo(1);
    // The conversation was closed before it: no index for it.
    assertThat(results.get(3).get()).isEqualTo("none");
    assertThat(lastIndex(a)).isEqualTo(1);
  }

  @Test
  void posts_to_different_conversations_in_one_batch_go_together_without_a_savepoint_each()
      throws Exception {
    List<String> conversations = new ArrayList<>();
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String sid = conversation();
      conversations.add(sid);
      writes.add(fullPost(sid, "MS" + hex()));
    }

    for (Future<Object> result : OneBatch.run(store, writes)) {
      assertThat(result.get()).isEqualTo(0L);
    }
    // Each post in a savepoint of its own writes its message under a subtransaction id of its own.
    assertThat(messageTransactionIds(conversations)).isNotEmpty().hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void posts_to_the_same_and_different_conversations_in_one_batch_take_one_event_each_in_order()
      throws Exception {
    String a = conversation();
    String b = conversation();
    List<String> order = List.of(a, a, b, a, b, b, a);
    List<Write> writes = new ArrayList<>();
    for (String sid : order) {
      writes.add(fullPost(sid, "MS" + hex()));
    }

    List<Future<Object>> results = OneBatch.run(store, writes);

    List<Object> indexes = new ArrayList<>();
    for (Future<Object> result : results) {
      indexes.add(result.get());
    }
    assertThat(indexes).containsExactly(0L, 1L, 0L, 2L, 1L, 2L, 3L);
    assertThat(eventIndexes(a)).containsExactly("0", "1", "2", "3");
    assertThat(eventIndexes(b)).containsExactly("0", "1", "2");
  }

  @Test
  void a_waiting_post_whose_row_breaks_a_key_fails_alone_and_leaves_no_gap() throws Exception {
    String a = conversation();
    String b = conversation();
    String taken = "MS" + hex();
    store.write(
        tx -> {
          long index = takeIndex(tx, b, null).conversation().lastMessageIndex();
          store.messages().insert(tx, message(taken, b, index));
          return null;
        });
    // The second post to a takes a message SID already taken: the posts after it run again.
    List<Write> writes =
        List.of(
            fullPost(a, "MS" + hex()),
            fullPost(a, taken),
            fullPost(b, "MS" + hex()),
            fullPost(a, "MS" + hex()));

    List<Future<Object>> results = OneBatch.run(store, writes);

    assertThat(results.get(0).get()).isEqualTo(0L);
    assertThatThrownBy(results.get(1)::get).isInstanceOf(ExecutionException.class);
    assertThat(results.get(2).get()).isEqualTo(1L);
    assertThat(results.get(3).get()).isEqualTo(1L);
    assertThat(eventIndexes(a)).containsExactly("0", "1");
    assertThat(lastIndex(a)).isEqualTo(1);
    assertThat(lastIndex(b)).isEqualTo(1);
  }

  @Test
  void a_batch_of_posts_writes_its_messages_in_the_transaction_that_advanced_their_conversations()
      throws Exception {
    List<String> conversations = new ArrayList<>();
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String sid = conversation();
      conversations.add(sid);
      writes.add(fullPost(sid, "MS" + hex()));
    }

    for (Future<Object> result : OneBatch.run(store, writes)) {
      assertThat(result.get()).isEqualTo(0L);
    }
    // No savepoint between the reservation and the posts' rows: one transaction id for all.
    Set<String> ids = messageTransactionIds(conversations);
    ids.addAll(conversationTransactionIds(conversations));
    assertThat(ids).hasSize(1);
  }

  @Test
  void a_batch_of_posts_is_six_statements_in_three_round_trips() throws Exception {
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      writes.add(fullPost(conversation(), "MS" + hex()));
    }

    try (SentStatements sent = SentStatements.record()) {
      Write first = writes.get(0);
      writes.set(
          0,
          new Write(
              first.wanted(),
              tx -> {
                sent.mark();
                return first.work().apply(tx);
              }));
      for (Future<Object> result : OneBatch.run(store, writes)) {
        assertThat(result.get()).isEqualTo(0L);
      }
      // The conversations locked and advanced in one statement that reads the authors too, the
      // later jobs' lock wait (pgjdbc's BEGIN goes with them, uncounted); the messages and the
      // events (their turns' locks inside), with no lock wait or savepoint before them; the lock
      // wait lifted, COMMIT.
      assertThat(sent.ofBatch()).isEqualTo(new SentStatements.Count(List.of(2, 2, 2)));
    }
  }

  @Test
  void a_batch_of_posts_that_waits_too_long_for_a_lock_runs_again_and_every_post_lands()
      throws Exception {
    String a = conversation();
    String b = conversation();
    List<Write> writes = List.of(fullPost(b, "MS" + hex()), fullPost(a, "MS" + hex()));
    List<Future<Object>> results;
    try (Connection holder = server.connect()) {
      holder.setAutoCommit(false);
      try (PreparedStatement turn =
          holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
        turn.setString(1, a);
        turn.executeQuery().close();
      }
      results = OneBatch.run(store, writes);
      // Far past the later jobs' lock wait: the batch's posts gave up and run again, on their own.
      Thread.sleep(300);
      holder.commit();
    }

    assertThat(results.get(0).get()).isEqualTo(0L);
    assertThat(results.get(1).get()).isEqualTo(0L);
    assertThat(eventIndexes(a)).containsExactly("0");
    assertThat(eventIndexes(b)).containsExactly("0");
    assertThat(lastIndex(a)).isEqualTo(0);
    assertThat(lastIndex(b)).isEqualTo(0);
  }

  @Test
  void a_reserved_batchs_first_post_that_waits_too_long_for_a_lock_runs_again_and_lands()
      throws Exception {
    String a = conversation();
    String b = conversation();
    String lock = "lock " + hex();
    Write waiting =
        new Write(
            new IndexWanted(ParleyServer.ACCOUNT_SID, service, a, null),
            tx -> {
              long index = takeIndex(tx, a, null).conversation().lastMessageIndex();
              // A statement of its own, sent while it runs, that waits for the holder's lock.
              SqlTx.of(tx)
                  .createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:lock))")
                  .bind("lock", lock)
                  .mapTo(Integer.class)
                  .one();
              return index;
            });
    List<Future<Object>> results;
    try (Connection holder = server.connect()) {
      holder.setAutoCommit(false);
      try (PreparedStatement held =
          holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
        held.setString(1, lock);
        held.executeQuery().close();
      }
      results = OneBatch.run(store, List.of(waiting, fullPost(b, "MS" + hex())));
      Thread.sleep(300);
      holder.commit();
    }

    assertThat(results.get(0).get()).isEqualTo(0L);
    assertThat(results.get(1).get()).isEqualTo(0L);
    assertThat(lastIndex(a)).isEqualTo(0);
    assertThat(lastIndex(b)).isEqualTo(0);
  }

  @Test
  void a_post_naming_another_accounts_conversation_neither_locks_nor_advances_its_row()
      throws Exception {
    String a = conversation();
    String b = conversation();
    String otherAccount = "AC" + hex();
    Write foreign =
        new Write(
            new IndexWanted(otherAccount, service, a, null),
            tx -> {
              Object index =
                  store
                      .conversations()
                      .takeMessageIndex(tx, otherAccount, service, a, null)
                      .<Object>map(t -> t.conversation().lastMessageIndex())
                      .orElse("none");
              return List.of(index, storedIndexSeenInside(tx, a), lockableFromOutside(a));
            });

    List<Future<Object>> results = OneBatch.run(store, List.of(foreign, post(b, null)));

    assertThat(results.get(0).get()).isEqualTo(List.of("none", -1L, true));
    assertThat(((Taken) results.get(1).get()).index()).isEqualTo(0);
    assertThat(lastIndex(a)).isEqualTo(-1);
  }

  private static long storedIndexSeenInside(Tx tx, String conversation) {
    return SqlTx.of(tx)
        .createQuery("SELECT last_message_index FROM conversations WHERE sid = :sid")
        .bind("sid", conversation)
        .mapTo(Long.class)
        .one();
  }

  /** Whether another connection can lock the conversation's row at once. */
  private static boolean lockableFromOutside(String conversation) {
    try (Connection other = server.connect();
        PreparedStatement lock =
            other.prepareStatement(
                "SELECT sid FROM conversations WHERE sid = ? FOR UPDATE NOWAIT")) {
      other.setAutoCommit(false);
      lock.setString(1, conversation);
      lock.executeQuery().close();
      other.rollback();
      return true;
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** A post's rows: its index, its message and its event (its conversation's turn). */
  private static Write fullPost(String conversation, String messageSid) {
    return new Write(
        new IndexWanted(ParleyServer.ACCOUNT_SID, service, conversation, null),
        tx -> {
          long index = takeIndex(tx, conversation, null).conversation().lastMessageIndex();
          store.messages().insert(tx, message(messageSid, conversation, index));
          store
              .events()
              .append(
                  tx,
                  new EventRecord(
                      0,
                      ParleyServer.ACCOUNT_SID,
                      service,
                      conversation,
                      "onMessageAdded",
                      "API",
                      null,
                      "{\"Index\":\"" + index + "\"}",
                      Instant.now()),
                  conversation);
          return index;
        });
  }

  private static MessageRecord message(String sid, String conversation, long index) {
    Instant now = Instant.now();
    return new MessageRecord(
        sid,
        ParleyServer.ACCOUNT_SID,
        service,
        conversation,
        index,
        "system",
        "hi",
        "{}",
        null,
        null,
        null,
        null,
        null,
        now,
        now);
  }

  /** The Index field of the conversation's events, in the order of their numbers. */
  private static List<String> eventIndexes(String conversation) throws Exception {
    List<String> indexes = new ArrayList<>();
    try (Connection admin = server.connect();
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT params::json->>'Index' FROM events WHERE conversation_sid = ?"
                    + " ORDER BY seq")) {
      query.setString(1, conversation);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          indexes.add(rows.getString(1));
        }
      }
    }
    return indexes;
  }

  private static Set<String> messageTransactionIds(List<String> conversations) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection admin = server.connect();
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT xmin::text FROM messages WHERE conversation_sid = ANY (?)")) {
      query.setArray(1, admin.createArrayOf("text", conversations.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static Set<String> conversationTransactionIds(List<String> conversations)
      throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection admin = server.connect();
        PreparedStatement query =
            admin.prepareStatement("SELECT xmin::text FROM conversations WHERE sid = ANY (?)")) {
      query.setArray(1, admin.createArrayOf("text", conversations.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static String hex() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static Write post(String conversation, String author) {
    return new Write(
        new IndexWanted(ParleyServer.ACCOUNT_SID, service, conversation, author),
        tx -> {
          boolean reserved = MessageIndexes.of(SqlTx.of(tx)) != null;
          return store
              .conversations()
              .takeMessageIndex(tx, ParleyServer.ACCOUNT_SID, service, conversation, author)
              .<Object>map(
                  t ->
                      new Taken(
                          t.conversation().lastMessageIndex(), t.authorParticipantSid(), reserved))
              .orElse("none");
        });
  }

  private static Write failingPost(String conversation) {
    return new Write(
        new IndexWanted(ParleyServer.ACCOUNT_SID, service, conversation, null),
        tx -> {
          takeIndex(tx, conversation, null);
          throw new IllegalStateException("the post fails after taking its index");
        });
  }

  private static IndexTaken takeIndex(Tx tx, String conversation, String author) {
    return store
        .conversations()
        .takeMessageIndex(tx, ParleyServer.ACCOUNT_SID, service, conversation, author)
        .orElseThrow();
  }

  private static long lastIndex(String conversation) {
    return store
        .read(tx -> store.conversations().find(tx, service, conversation))
        .orElseThrow()
        .lastMessageIndex();
  }

  private static String conversation() {
    String sid = "CH" + UUID.randomUUID().toString().replace("-", "");
    Instant now = Instant.now();
    store.write(
        tx -> {
          store
              .conversations()
              .insert(
                  tx,
                  new ConversationRecord(
                      sid,
                      ParleyServer.ACCOUNT_SID,
                      service,
                      null,
                      "Chat",
                      null,
                      "{}",
                      "active",
                      null,
                      null,
                      null,
                      null,
                      "{}",
                      "system",
                      -1,
                      now,
                      now));
          return null;
        });
    return sid;
  }

  private static String participant(String conversation, String identity) {
    String sid = "MB" + UUID.randomUUID().toString().replace("-", "");
    Instant now = Instant.now();
    store.write(
        tx -> {
          store
              .participants()
              .insert(
                  tx,
                  new ParticipantRecord(
                      sid,
                      ParleyServer.ACCOUNT_SID,
                      service,
                      conversation,
                      identity,
                      "{}",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      "default",
                      now,
                      now));
          return null;
        });
    return sid;
  }

  private static ConversationRecord closed(ConversationRecord c) {
    return new ConversationRecord(
        c.sid(),
        c.accountSid(),
        c.serviceSid(),
        c.messagingServiceSid(),
        c.friendlyName(),
        c.uniqueName(),
        c.attributes(),
        "closed",
        c.timerInactive(),
        c.timerClosed(),
        c.dateInactive(),
        c.dateClosed(),
        c.bindings(),
        c.createdBy(),
        c.lastMessageIndex(),
        c.dateCreated(),
        c.dateUpdated());
  }
}
