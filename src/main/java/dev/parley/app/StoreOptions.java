package dev.parley.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Parley keeps its data, shared by every command that opens the store. */
final class StoreOptions {
  @Option(
      names = "--data-dir",
      defaultValue = "${env:PARLEY_DATA_DIR:-./data}",
      description =
          "Directory of the embedded store and the generated master key (env PARLEY_DATA_DIR, default ./data).")
  Path dataDir;

  @Option(
      names = "--master-key",
      defaultValue = "${env:PARLEY_MASTER_KEY}",
      description =
          "Base64 of 32 bytes that seals stored secrets (env PARLEY_MASTER_KEY; default: generated into <data-dir>/master.key).")
  String masterKey;

  @Option(
      names = "--database-url",
      defaultValue = "${env:PARLEY_DATABASE_URL}",
      description =
          "PostgreSQL to keep data in, e.g. postgresql://parley@127.0.0.1:5432/parley (env PARLEY_DATABASE_URL; default: the embedded store in the data dir).")
  String databaseUrl;
}
