package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.Store;
import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import dev.parley.testing.SqliteOnly;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SqliteOnly
class RecordInsertTest {
  private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-12-01T10:00:05Z");

  @TempDir Path dir;

  @Test
  void writes_more_rows_than_one_statement_takes_each_with_every_column() {
    List<SyncObjectRecord> objects = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      objects.add(
          new SyncObjectRecord(
              String.format("MP%032d", i),
              "AC00000000000000000000000000000001",
              "IS00000000000000000000000000000001",
              "object-" + i,
              "map",
              i,
              i % 2 == 0 ? null : "{\"n\":" + i + "}",
              CREATED,
              UPDATED));
    }
    try (Store store = SqliteStore.open(dir.resolve("rows.db"))) {
      store.write(
          tx -> {
            store.sync().insertAll(tx, objects);
            return null;
          });

      List<SyncObjectRecord> read =
          store.read(
              tx ->
                  objects.stream()
                      .map(o -> store.sync().find(tx, o.serviceSid(), o.uniqueName()).orElseThrow())
                      .toList());

      assertThat(read).isEqualTo(objects);
    }
  }

  @Test
  void writes_items_with_their_index_and_removed_flag() {
    SyncObjectRecord list =
        new SyncObjectRecord(
            "ES00000000000000000000000000000001",
            "AC00000000000000000000000000000001",
            "IS00000000000000000000000000000001",
            "CH1.messages",
            "list",
            2,
            null,
            CREATED,
            CREATED);
    List<SyncItemRecord> items =
        List.of(
            new SyncItemRecord(
                list.sid(), "0", 0L, "{\"body\":\"a\"}", 1, 1, false, CREATED, CREATED),
            new SyncItemRecord(
                list.sid(), "1", 1L, "{\"body\":\"b\"}", 2, 3, true, CREATED, UPDATED));
    try (Store store = SqliteStore.open(dir.resolve("items.db"))) {
      store.write(
          tx -> {
            store.sync().insertAll(tx, List.of(list));
            store.sync().insertItems(tx, items);
            return null;
          });

      List<SyncItemRecord> read =
          store.read(
              tx ->
                  List.of(
                      store.sync().findItem(tx, list.sid(), "0").orElseThrow(),
                      store.sync().findItem(tx, list.sid(), "1").orElseThrow()));

      assertThat(read).isEqualTo(items);
    }
  }
}
