package dev.parley.app;

import dev.parley.conversation.AddressConfigurations;
import dev.parley.store.AddressRecord;
import dev.parley.store.Store;
import java.util.ArrayList;
import java.util.List;

/** The start-up banner: where Parley listens and how to make a first web chat. */
final class Banner {
  private Banner() {}

  private record Summary(String accountSid, String serviceSid, String addressSid) {}

  static String text(Parley parley, Config config, long startMillis) {
    Store store = parley.store();
    Summary summary =
        store.read(
            tx -> {
              var account = store.accounts().first(tx);
              var configuration = store.accounts().configuration(tx, account.sid()).orElseThrow();
              String address =
                  store
                      .addresses()
                      .find(tx, account.sid(), AddressConfigurations.DEFAULT_CHAT_ADDRESS)
                      .map(AddressRecord::sid)
                      .orElse(null);
              return new Summary(account.sid(), configuration.defaultChatServiceSid(), address);
            });
    String accountSid = summary.accountSid();
    String token =
        parley.generatedAuthToken() != null
            ? parley.generatedAuthToken()
                + "   (generated now and shown only this once; ./parley token shows it again)"
            : "run ./parley token to show it (stored sealed in " + config.dataDir() + ")";
    String tokenForCurl =
        parley.generatedAuthToken() != null ? parley.generatedAuthToken() : "$PARLEY_AUTH_TOKEN";
    String url = parley.publicUrl();
    String credentials = accountSid + ":" + tokenForCurl;
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Parley is serving on " + url + "  (started in " + startMillis + " ms)");
    lines.add("  Account SID           " + accountSid);
    lines.add("  Auth token            " + token);
    lines.add("  Default chat service  " + summary.serviceSid());
    if (summary.addressSid() != null) {
      lines.add("  Default chat address  " + summary.addressSid());
      lines.add("");
      lines.add("Start a web chat (Flex POST /v2/WebChats):");
      lines.add("  curl -u " + credentials + " " + url + "/v2/WebChats \\");
      lines.add("    -d AddressSid=" + summary.addressSid() + " \\");
      lines.add("    -d ChatFriendlyName=Webchat -d CustomerFriendlyName=Ann \\");
      lines.add("    --data-urlencode 'PreEngagementData={\"friendlyName\":\"Ann\"}'");
    }
    lines.add("");
    lines.add("List conversations:");
    lines.add("  curl -u " + credentials + " " + url + "/v1/Conversations");
    lines.add("");
    return String.join("\n", lines);
  }
}
