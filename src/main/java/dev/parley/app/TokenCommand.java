package dev.parley.app;

import dev.parley.auth.MasterKey;
import dev.parley.auth.SecretBox;
import dev.parley.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ./parley token}: prints an account's auth token, opened with the master key. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Print the auth token of an account (the first account when none is named).")
final class TokenCommand implements Runnable {
  @Parameters(arity = "0..1", description = "Account SID (AC…).")
  String accountSid;

  @Mixin StoreOptions options;

  @Override
  public void run() {
    SecretBox box = new SecretBox(MasterKey.load(options.masterKey, options.dataDir));
    try (Store store =
        new Config(null, 0, options.dataDir, null, null, null, null, options.databaseUrl)
            .openStore()) {
      var account =
          accountSid == null
              ? store.read(tx -> store.accounts().first(tx))
              : store
                  .read(tx -> store.accounts().find(tx, accountSid))
                  .orElseThrow(() -> new IllegalArgumentException("no account " + accountSid));
      System.out.println(account.sid() + " " + box.open(account.authToken()));
    }
  }
}
