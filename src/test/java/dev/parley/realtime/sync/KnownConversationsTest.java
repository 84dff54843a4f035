package dev.parley.realtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ids.RandomSids;
import dev.parley.store.ConversationRecord;
import dev.parley.store.Store;
import dev.parley.store.sql.SqliteStore;
import dev.parley.testing.SqliteOnly;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conversation's Sync objects kept once committed: never past their removal or a rollback. */
@SqliteOnly
class KnownConversationsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");
  private static final ConversationRecord CONVERSATION =
      new ConversationRecord(
          "CH00000000000000000000000000000001",
          "AC00000000000000000000000000000001",
          "IS00000000000000000000000000000001",
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
          NOW,
          NOW);

  @TempDir Path dir;
  private Store store;
  private SyncObjects objects;
  private FirstUse firstUse;

  @BeforeEach
  void store() {
    store = SqliteStore.open(dir.resolve("known.db"));
    objects =
        new SyncObjects(
            store,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new RandomSids(),
            new SyncJson(UnaryOperator.identity()));
    firstUse = new FirstUse(store, objects);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  @Test
  void objects_made_and_committed_are_found_again() {
    FirstUse.ConversationObjects made = store.write(tx -> firstUse.objectsOf(tx, CONVERSATION));

    Optional<FirstUse.ConversationObjects> found =
        store.write(tx -> firstUse.existing(tx, CONVERSATION));

    assertThat(found).contains(made);
  }

  @Test
  void objects_removed_with_their_conversation_are_no_longer_found() {
    FirstUse.ConversationObjects made = store.write(tx -> firstUse.objectsOf(tx, CONVERSATION));
    store.write(
        tx -> {
          objects.delete(tx, made.document());
          objects.delete(tx, made.messages());
          objects.delete(tx, made.roster());
          firstUse.forget(tx, CONVERSATION.sid());
          return null;
        });

    Optional<FirstUse.ConversationObjects> found =
        store.write(tx -> firstUse.existing(tx, CONVERSATION));

    assertThat(found).isEmpty();
  }

  @Test
  void objects_made_in_a_rolled_back_transaction_are_not_kept() {
    try {
      store.write(
          tx -> {
            firstUse.objectsOf(tx, CONVERSATION);
            throw new IllegalStateException("rolled back");
          });
    } catch (IllegalStateException expected) {
      // The transaction rolled back, its objects with it.
    }

    Optional<FirstUse.ConversationObjects> found =
        store.write(tx -> firstUse.existing(tx, CONVERSATION));

    assertThat(found).isEmpty();
  }
}
