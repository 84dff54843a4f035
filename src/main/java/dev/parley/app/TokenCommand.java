package dev.parley.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./parley token}: prints an account's SID and auth token, opened with the master key, as
 * two labelled lines for a person, or with {@code --basic} as {@code SID:TOKEN} for {@code curl -u
 * "$(./parley token --basic)"} (the banner's commands after a restart).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Print the SID and auth token of an account (the first account when none is named).",
      "Finds the store as serve does: --data-dir, env PARLEY_DATA_DIR, default ./data (./parley"
          + " sets <its directory>/data); a PostgreSQL store through <data-dir>/server.json."
    })
final class TokenCommand implements Runnable {
  @Parameters(arity = "0..1", description = "Account SID (AC…).")
  String accountSid;

  @Option(names = "--basic", description = "Print SID:TOKEN on one line, for curl -u and scripts.")
  boolean basic;

  @Mixin StoreOptions options;

  @Override
  public void run() {
    String[] credentials = options.credentials(accountSid);
    if (basic) {
      System.out.println(credentials[0] + ":" + credentials[1]);
    } else {
      System.out.println("Account SID  " + credentials[0]);
      System.out.println("Auth token   " + credentials[1]);
    }
  }
}
