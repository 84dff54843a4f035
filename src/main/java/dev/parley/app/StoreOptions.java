package dev.parley.app;

import dev.parley.auth.MasterKey;
import dev.parley.auth.SecretBox;
import dev.parley.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where Parley keeps its data, shared by every command that opens the store: {@code serve} and
 * {@code migrate} use it as given; {@code token} and {@code agents} also read the data directory's
 * {@link RunningServer} file, so they find the store and URL of the server started on it.
 */
final class StoreOptions {
  @Option(
      names = "--data-dir",
      defaultValue = "${env:PARLEY_DATA_DIR:-./data}",
      description =
          "Directory of the embedded store, the generated master key and server.json (env"
              + " PARLEY_DATA_DIR, default ./data; the ./parley script makes it <its directory>/data).")
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

  /** The data directory a command uses when given none: env PARLEY_DATA_DIR, else ./data. */
  static Path defaultDataDir() {
    String env = System.getenv("PARLEY_DATA_DIR");
    return Path.of(env == null || env.isBlank() ? "./data" : env);
  }

  /** The last server started on this data directory, if one was. */
  Optional<RunningServer> runningServer() {
    return RunningServer.read(dataDir);
  }

  /**
   * The account's SID and auth token, read from the existing store this names (its database URL
   * defaults to the one the server on this data directory was started with). Never creates a store
   * or a master key: a wrong data directory is an error that says where it looked.
   */
  String[] credentials(String accountSid) {
    String database =
        databaseUrl != null && !databaseUrl.isBlank()
            ? databaseUrl
            : runningServer().map(RunningServer::databaseUrl).orElse(null);
    Path where = dataDir.toAbsolutePath().normalize();
    if (database == null && !Files.isRegularFile(dataDir.resolve("parley.db"))) {
      throw new IllegalArgumentException(
          "no Parley store in "
              + where
              + ": start ./parley serve first, or name the server's store with --data-dir (env"
              + " PARLEY_DATA_DIR) or --database-url (env PARLEY_DATABASE_URL)");
    }
    if ((masterKey == null || masterKey.isBlank())
        && !Files.isRegularFile(dataDir.resolve("master.key"))) {
      throw new IllegalArgumentException(
          "no master key in "
              + where
              + ": pass the one the server was started with, --master-key (env"
              + " PARLEY_MASTER_KEY)");
    }
    SecretBox box = new SecretBox(MasterKey.load(masterKey, dataDir));
    try (Store store = new Config(null, 0, dataDir, null, null, null, null, database).openStore()) {
      var account =
          accountSid == null
              ? store.read(tx -> store.accounts().first(tx))
              : store
                  .read(tx -> store.accounts().find(tx, accountSid))
                  .orElseThrow(() -> new IllegalArgumentException("no account " + accountSid));
      return new String[] {account.sid(), box.open(account.authToken())};
    }
  }
}
