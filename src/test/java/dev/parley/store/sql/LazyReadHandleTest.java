package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.SqliteOnly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-statement read ({@code Store.readOne}) opens its handle at its first statement: a lookup
 * answered from SharedReads, such as every request's service, borrows no pooled connection.
 */
@SqliteOnly
class LazyReadHandleTest {
  @TempDir Path dir;

  @Test
  void a_read_that_runs_no_statement_opens_no_handle() {
    List<Handle> opened = new ArrayList<>();
    SqlTx tx = SqlTx.opening(counting(opened), null);

    tx.closeOpened();

    assertThat(opened).isEmpty();
  }

  @Test
  void a_read_that_runs_statements_opens_one_handle_and_closes_it() {
    List<Handle> opened = new ArrayList<>();
    SqlTx tx = SqlTx.opening(counting(opened), null);

    int one = SqlTx.of(tx).createQuery("SELECT 1").mapTo(Integer.class).one();
    int two = SqlTx.of(tx).createQuery("SELECT 2").mapTo(Integer.class).one();
    tx.closeOpened();

    assertThat(one + two).isEqualTo(3);
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).isClosed()).isTrue();
  }

  private Supplier<Handle> counting(List<Handle> opened) {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("lazy.db"));
    return () -> {
      Handle handle = jdbi.open();
      opened.add(handle);
      return handle;
    };
  }
}
