package dev.parley.app;

import dev.parley.conversation.AddressConfigurations;
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
   * deploymentKey} in one made before Webchat deployments (or with all of them deleted).
   */
  record Facts(
      String url,
      String accountSid,
      String token,
      String tokenForCurl,
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
            .services()
            .webchatDeployments()
            .page(stored[0], PageRequest.first(1))
            .items()
            .stream()
            .findFirst()
            .map(WebchatDeployment::key)
            .orElse(null);
    String generated = parley.generatedAuthToken();
    return text(
        new Facts(
            parley.publicUrl(),
            stored[0],
            generated != null
                ? generated
                    + "   (generated now and shown only this once; ./parley token shows it again)"
                : "run ./parley token to show it (stored sealed in " + config.dataDir() + ")",
            generated != null ? generated : "$PARLEY_AUTH_TOKEN",
            stored[1],
            stored[2],
            deploymentKey,
            addAgent(parley.publicUrl(), config),
            parley.serves("/v2/WebChats"),
            startMillis));
  }

  /**
   * The command that adds an agent to this server: the CLI calls the running server's API, with the
   * credentials it reads from the same store, so it needs this server's URL and store.
   */
  static String addAgent(String url, Config config) {
    StringBuilder command = new StringBuilder("./parley agents add bob --name \"Bob\"");
    if (!url.equals("http://localhost:8080")) {
      command.append(" --url ").append(url);
    }
    if (config.databaseUrl() != null) {
      command.append(" --database-url <this server's>");
    } else if (!config.dataDir().normalize().equals(Path.of("data"))) {
      command.append(" --data-dir ").append(config.dataDir());
    }
    return command.toString();
  }

  /**
   * The banner for {@code facts}. The web chat {@code curl} is printed only once {@code
   * /v2/WebChats} is served, so every printed command works when pasted; each stays on one line so
   * that it pastes whole.
   */
  static String text(Facts facts) {
    String credentials = facts.accountSid() + ":" + facts.tokenForCurl();
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
}
