package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.store.AccountRecord;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Store;
import dev.parley.testing.SqliteOnly;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services kept between transactions on the embedded store: never older than what committed. */
@SqliteOnly
class SharedReadsTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private static final String SERVICE = "IS00000000000000000000000000000001";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void serviceNamedFirst() {
    store = SqliteStore.open(dir.resolve("shared.db"));
    store.write(
        tx -> {
          store
              .accounts()
              .insert(tx, new AccountRecord(ACCOUNT, null, "main", "active", "x", NOW, NOW));
          store.services().insert(tx, service("first"));
          return null;
        });
  }

  @Test
  void a_committed_change_is_read_by_the_next_transaction() {
    assertThat(name()).isEqualTo("first");

    store.write(
        tx -> {
          store.services().update(tx, service("second"));
          return null;
        });

    assertThat(name()).isEqualTo("second");
    store.close();
  }

  @Test
  void a_change_rolled_back_is_never_read_even_by_a_transaction_that_read_it_meanwhile() {
    assertThat(name()).isEqualTo("first");

    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      store.services().update(tx, service("rolled back"));
                      assertThat(
                              store
                                  .services()
                                  .find(tx, ACCOUNT, SERVICE)
                                  .orElseThrow()
                                  .friendlyName())
                          .isEqualTo("rolled back");
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");

    assertThat(name()).isEqualTo("first");
    String inAWrite =
        store.write(tx -> store.services().find(tx, ACCOUNT, SERVICE).orElseThrow().friendlyName());
    assertThat(inAWrite).isEqualTo("first");
    store.close();
  }

  private String name() {
    return store.read(
        tx -> store.services().find(tx, ACCOUNT, SERVICE).orElseThrow().friendlyName());
  }

  private static ServiceRecord service(String name) {
    return new ServiceRecord(
        SERVICE, ACCOUNT, name, null, null, null, false, "{}", null, null, null, "[]", NOW, NOW);
  }
}
