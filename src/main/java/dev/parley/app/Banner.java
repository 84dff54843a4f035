package dev.parley.app;

import dev.parley.store.Store;

/** The start-up banner: where Parley listens and how to make a first web chat. */
final class Banner {
  private Banner() {}

  static String text(Parley parley, Config config, long startMillis) {
    Store store = parley.store();
    var summary =
        store.read(
            tx -> {
              var account = store.accounts().first(tx);
              var configuration = store.accounts().configuration(tx, account.sid()).orElseThrow();
              return new String[] {account.sid(), configuration.defaultChatServiceSid()};
            });
    String accountSid = summary[0];
    String token =
        parley.generatedAuthToken() != null
            ? parley.generatedAuthToken()
                + "   (generated now and shown only this once; ./parley token shows it again)"
            : "run ./parley token to show it (stored sealed in " + config.dataDir() + ")";
    String tokenForCurl =
        parley.generatedAuthToken() != null ? parley.generatedAuthToken() : "$PARLEY_AUTH_TOKEN";
    String url = parley.publicUrl();
    return String.join(
        "\n",
        "",
        "Parley is serving on " + url + "  (started in " + startMillis + " ms)",
        "  Account SID           " + accountSid,
        "  Auth token            " + token,
        "  Default chat service  " + summary[1],
        "",
        "List conversations:",
        "  curl -u " + accountSid + ":" + tokenForCurl + " " + url + "/v1/Conversations",
        "");
  }
}
