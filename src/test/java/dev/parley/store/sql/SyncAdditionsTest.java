package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore.IndexWanted;
import dev.parley.store.EventRecord;
import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
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
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL batch's message posts write their Sync list items, and take their lists' and
 * documents' event ids, in one statement each for the posts to different conversations ({@link
 * SyncAdditions}); each post still gets the ids its own statements would have given it.
 */
@PostgresqlOnly
class SyncAdditionsTest {
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

  /** A conversation and its messages list and document. */
  private record Chat(String conversation, String list, String document) {}

  @Test
  void posts_to_different_conversations_write_their_items_and_ids_in_one_statement_each()
      throws Exception {
    List<Chat> chats = new ArrayList<>();
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Chat chat = chat();
      chats.add(chat);
      writes.add(post(chat, "text " + i));
    }

    List<Future<Object>> results = OneBatch.run(store, writes);

    for (Future<Object> result : results) {
      assertThat((long[]) ((Supplier<?>) result.get()).get()).containsExactly(1L, 1L);
    }
    // Rows a statement writes carry its command id: one statement wrote all the items, one moved
    // all the objects.
    assertThat(commandIds("sync_items", "object_sid", lists(chats))).hasSize(1);
    assertThat(commandIds("sync_objects", "sid", objects(chats))).hasSize(1);
    for (int i = 0; i < chats.size(); i++) {
      assertThat(documentData(chats.get(i))).isEqualTo("text " + i);
    }
  }

  @Test
  void posts_to_one_conversation_in_one_batch_take_its_ids_in_turn() throws Exception {
    Chat a = chat();
    Chat b = chat();
    List<Chat> order = List.of(a, a, b, a, b);
    List<Write> writes = new ArrayList<>();
    for (Chat chat : order) {
      writes.add(post(chat, "text"));
    }

    List<Future<Object>> results = OneBatch.run(store, writes);

    List<Long> listIds = new ArrayList<>();
    for (Future<Object> result : results) {
      long[] ids = (long[]) ((Supplier<?>) result.get()).get();
      assertThat(ids[1]).isEqualTo(ids[0]);
      listIds.add(ids[0]);
    }
    assertThat(listIds).containsExactly(1L, 2L, 1L, 3L, 2L);
    assertThat(itemEventIds(a)).containsExactly(1L, 2L, 3L);
    assertThat(itemEventIds(b)).containsExactly(1L, 2L);
  }

  /** A post's index, message event and Sync item; it gives its list's and document's ids. */
  private static Write post(Chat chat, String text) {
    return new Write(
        new IndexWanted(ParleyServer.ACCOUNT_SID, service, chat.conversation(), null),
        tx -> {
          long index =
              store
                  .conversations()
                  .takeMessageIndex(
                      tx, ParleyServer.ACCOUNT_SID, service, chat.conversation(), null)
                  .orElseThrow()
                  .conversation()
                  .lastMessageIndex();
          Instant now = Instant.now();
          store
              .events()
              .append(
                  tx,
                  new EventRecord(
                      0,
                      ParleyServer.ACCOUNT_SID,
                      service,
                      chat.conversation(),
                      "onMessageAdded",
                      "API",
                      null,
                      "{\"Index\":\"" + index + "\"}",
                      now),
                  chat.conversation());
          SyncItemRecord item =
              new SyncItemRecord(
                  chat.list(), Long.toString(index), index, "{}", 0, 0, false, now, now);
          return store.sync().addItemAndNextEventIds(tx, item, chat.document(), text, now);
        });
  }

  private static Chat chat() {
    String conversation = "CH" + hex();
    Chat chat = new Chat(conversation, "ES" + hex(), "ET" + hex());
    Instant now = Instant.now();
    store.write(
        tx -> {
          store
              .conversations()
              .insert(
                  tx,
                  new ConversationRecord(
                      conversation,
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
          store
              .sync()
              .insertAll(
                  tx,
                  List.of(
                      object(chat.list(), "list", null, now),
                      object(chat.document(), "document", "{}", now)));
          return null;
        });
    return chat;
  }

  private static SyncObjectRecord object(String sid, String kind, String data, Instant now) {
    return new SyncObjectRecord(
        sid, ParleyServer.ACCOUNT_SID, service, sid, kind, 0, data, now, now);
  }

  private static List<String> lists(List<Chat> chats) {
    return chats.stream().map(Chat::list).toList();
  }

  private static List<String> objects(List<Chat> chats) {
    List<String> sids = new ArrayList<>();
    chats.forEach(c -> sids.addAll(List.of(c.list(), c.document())));
    return sids;
  }

  /** The command ids ({@code cmin}) of the rows of {@code table} whose {@code column} is listed. */
  private static Set<String> commandIds(String table, String column, List<String> sids)
      throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection admin = server.connect();
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT cmin::text FROM " + table + " WHERE " + column + " = ANY (?)")) {
      query.setArray(1, admin.createArrayOf("text", sids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static String documentData(Chat chat) throws Exception {
    try (Connection admin = server.connect();
        PreparedStatement query =
            admin.prepareStatement("SELECT data FROM sync_objects WHERE sid = ?")) {
      query.setString(1, chat.document());
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  /** The created event ids of the chat's list items, in the order of their indexes. */
  private static List<Long> itemEventIds(Chat chat) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection admin = server.connect();
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT created_event_id FROM sync_items WHERE object_sid = ?"
                    + " ORDER BY item_index")) {
      query.setString(1, chat.list());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  private static String hex() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
