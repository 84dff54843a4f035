package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs on SQLite, so the class-data archive holds a PostgreSQL start's classes only
 * because it loads them by package: the driver's, HikariCP's and Parley's PostgreSQL store's.
 */
@NoStore
class WarmupCommandTest {
  @Test
  void archives_the_classes_of_a_postgresql_start_it_does_not_run() {
    assertThat(
            WarmupCommand.archivedForPostgresql("org/postgresql/core/v3/QueryExecutorImpl.class"))
        .isTrue();
    assertThat(WarmupCommand.archivedForPostgresql("com/zaxxer/hikari/pool/HikariPool.class"))
        .isTrue();
    assertThat(WarmupCommand.archivedForPostgresql("dev/parley/store/sql/PostgresStore.class"))
        .isTrue();
  }

  @Test
  void leaves_out_other_libraries_and_resources() {
    assertThat(WarmupCommand.archivedForPostgresql("org/bouncycastle/jce/Foo.class")).isFalse();
    assertThat(WarmupCommand.archivedForPostgresql("org/postgresql/driverconfig.properties"))
        .isFalse();
    assertThat(
            WarmupCommand.archivedForPostgresql(
                "META-INF/versions/9/org/postgresql/module-info.class"))
        .isFalse();
  }
}
