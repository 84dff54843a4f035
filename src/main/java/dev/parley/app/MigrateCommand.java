package dev.parley.app;

import dev.parley.store.sql.MigrationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./parley migrate}: brings the store's schema up to date and exits, so an upgrade can
 * migrate once before any node of the new version starts ({@code serve} still migrates on start).
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply pending schema migrations to the store, print them, and exit.")
final class MigrateCommand implements Runnable {
  @Mixin StoreOptions options;

  @Override
  public void run() {
    if (options.databaseUrl == null || options.databaseUrl.isBlank()) {
      try {
        Files.createDirectories(options.dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create data directory " + options.dataDir, e);
      }
    }
    MigrationReport report =
        new Config(null, 0, options.dataDir, null, null, null, null, options.databaseUrl)
            .migrateStore();
    System.out.println("Store: " + report.where());
    if (report.applied().isEmpty()) {
      System.out.println("Nothing to apply: the schema is at version " + report.version() + ".");
    } else {
      report.applied().forEach(migration -> System.out.println("Applied " + migration));
      System.out.println("The schema is at version " + report.version() + ".");
    }
  }
}
