package dev.parley.app;

import dev.parley.conversation.AddressConfigurations;
import dev.parley.ids.AccountSid;
import dev.parley.store.AddressRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Store;
import dev.parley.webchat.WebchatDeployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The start-up banner: where Parley listens and how to make a first web chat. */
final class Banner {
  private Banner() {}

  /**
   * What the banner shows; {@code addressSid} is null in a store made before chat addresses, {@code
   * deploymentKey} in one made before Webchat deployments (or with all of them deleted). {@code
   * curlCredentials} is the argument of {@code curl -u}, quoted for the shell.
   */
  record Facts(
      String url,
      String accountSid,
      String token,
      String curlCredentials,
      String serviceSid,
      String addressSid,
      String deploymentKey,
      String addAgent,
      boolean webChatsServed,
      long startMillis) {}

  static String text(Parley parley, Config config, long startMillis) {
    Store store = parley.store();
    String[] stored =
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
              return new String[] {account.sid(), configuration.defaultChatServiceSid(), address};
            });
    String deploymentKey =
        parley
            .wiring()
            .webchatDeployments()
            .page(new AccountSid(stored[0]), PageRequest.first(1))
            .items()
            .stream()
            .findFirst()
            .map(WebchatDeployment::key)
            .orElse(null);
    String generated = parley.generatedAuthToken();
    String token = "./parley token" + storeFlags(config);
    return text(
        new Facts(
            parley.publicUrl(),
            stored[0],
            generated != null
                ? generated + "   (generated now and shown only this once; " + token + " shows it)"
                : "run " + token + " to show it (stored sealed in " + config.dataDir() + ")",
            curlCredentials(stored[0], generated, config),
            stored[1],
            stored[2],
            deploymentKey,
            addAgent(config),
            parley.serves("/v2/WebChats"),
            startMillis));
  }

  /**
   * The {@code curl -u} argument. The generated token is known only on the first start; after a
   * restart it is sealed in the store and never printed unasked, so the curl asks {@code ./parley
   * token --basic} for it: pasted as is, it works (an unset {@code $PARLEY_AUTH_TOKEN} gave 401).
   */
  static String curlCredentials(String accountSid, String generatedToken, Config config) {
    return generatedToken != null
        ? accountSid + ":" + generatedToken
        : "\"$(./parley token --basic" + storeFlags(config) + ")\"";
  }

  /**
   * The command that adds an agent to this server: the CLI finds the running server's URL and store
   * through the data directory (its server.json), so only a data directory other than the one the
   * commands default to is named.
   */
  static String addAgent(Config config) {
    return "./parley agents add bob --name \"Bob\"" + storeFlags(config);
  }

  /** {@code " --data-dir DIR"} when {@code ./parley token} and agents would not find it alone. */
  static String storeFlags(Config config) {
    Path dataDir = config.dataDir().toAbsolutePath().normalize();
    return dataDir.equals(StoreOptions.defaultDataDir().toAbsolutePath().normalize())
        ? ""
        : " --data-dir " + shellWord(dataDir.toString());
  }

  /** {@code word} as one shell word: as is when it is plain, else in single quotes. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The banner for {@code facts}. The web chat {@code curl} is printed only once {@code
   * /v2/WebChats} is served, so every printed command works when pasted; each stays on one line so
   * that it pastes whole.
   */
  static String text(Facts facts) {
    String credentials = facts.curlCredentials();
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(
        "Parley is serving on " + facts.url() + "  (started in " + facts.startMillis() + " ms)");
    lines.add("  Account SID           " + facts.accountSid());
    lines.add("  Auth token            " + facts.token());
    lines.add("  Default chat service  " + facts.serviceSid());
    if (facts.addressSid() != null) {
      lines.add("  Default chat address  " + facts.addressSid());
      if (facts.webChatsServed()) {
        lines.add("");
        lines.add("Start a web chat (Flex POST /v2/WebChats):");
        lines.add(
            "  curl -u "
                + credentials
                + " "
                + facts.url()
                + "/v2/WebChats -d AddressSid="
                + facts.addressSid()
                + " -d ChatFriendlyName=Webchat -d CustomerFriendlyName=Ann"
                + " --data-urlencode 'PreEngagementData={\"friendlyName\":\"Ann\"}'");
      }
    }
    lines.add("");
    lines.add("List conversations:");
    lines.add("  curl -u " + credentials + " " + facts.url() + "/v1/Conversations");
    lines.add("");
    if (facts.deploymentKey() != null) {
      lines.add("Chat as a visitor (the widget's demo page):");
      lines.add("  " + facts.url() + "/widget/demo?DeploymentKey=" + facts.deploymentKey());
    } else {
      lines.add(
          "Chat as a visitor: make a Webchat deployment, then open /widget/demo?DeploymentKey=…");
      lines.add(
          "  curl -u "
              + credentials
              + " "
              + facts.url()
              + "/parley/v1/WebchatDeployments -d FriendlyName=Site -d AddressSid="
              + facts.addressSid());
    }
    lines.add("Agent console: " + facts.url() + "/console");
    lines.add("  add an agent first: " + facts.addAgent());
    lines.add("");
    return String.join("\n", lines);
  }

  /** What host mode serves and where to read how to use it; empty when it is off. */
  static String twilioHosts(Parley parley, Config config) {
    if (parley.twilioHostsPort() < 0) {
      return "";
    }
    int port = parley.twilioHostsPort();
    return String.join(
        "\n",
        "Twilio host mode: https://conversations.twilio.com, https://flex-api.twilio.com,"
            + " wss://tsock.us1.twilio.com… on port "
            + port
            + " (TLS, local CA "
            + config.dataDir().resolve(LocalAuthority.DIRECTORY).resolve(LocalAuthority.CA_CERT)
            + ")",
        "  what to trust and map on this machine: ./parley trust" + storeFlags(config),
        "");
  }
}
