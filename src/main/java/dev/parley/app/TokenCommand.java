package dev.parley.app;

import dev.parley.auth.AccountService;
import dev.parley.auth.MasterKey;
import dev.parley.auth.SecretBox;
import dev.parley.store.Store;
import dev.parley.store.sql.SqliteStore;
import java.time.Clock;
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
    try (Store store = SqliteStore.open(options.dataDir.resolve("parley.db"))) {
      AccountService accounts = new AccountService(store, Clock.systemUTC(), box);
      String sid =
          accountSid != null ? accountSid : store.read(tx -> store.accounts().first(tx)).sid();
      var account = accounts.find(sid);
      System.out.println(account.sid() + " " + accounts.authToken(account));
    }
  }
}
