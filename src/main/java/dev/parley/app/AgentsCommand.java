package dev.parley.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./parley agents}: manages console agents through a running server's {@code
 * /parley/v1/Agents} (docs/console.md), so that every change takes the one path that also names the
 * agent's Conversations user. Credentials default to the first account's, read from the store as
 * {@code ./parley token} does; the URL to the server last started on the data directory.
 */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "Add, list, update and remove the agents who log into /console.",
    subcommands = {
      AgentsCommand.Add.class,
      AgentsCommand.ListAgents.class,
      AgentsCommand.Update.class,
      AgentsCommand.Remove.class
    })
final class AgentsCommand implements Runnable {
  private static final ObjectMapper JSON = Json.MAPPER;

  @Override
  public void run() {
    throw new IllegalArgumentException("name a subcommand: add, list, update or remove");
  }

  /** Where the server is and whose credentials to use, shared by the subcommands. */
  static final class Server {
    @Option(
        names = "--url",
        defaultValue = "${env:PARLEY_URL}",
        description =
            "The running Parley (env PARLEY_URL; default: the one started on the data dir, as its"
                + " server.json says, else PARLEY_PUBLIC_URL, else http://localhost:8080 or"
                + " PARLEY_HTTP_PORT).")
    String url;

    @Option(
        names = "--account-sid",
        defaultValue = "${env:PARLEY_ACCOUNT_SID}",
        description = "Account SID (env PARLEY_ACCOUNT_SID; default: the store's first account).")
    String accountSid;

    @Option(
        names = "--auth-token",
        defaultValue = "${env:PARLEY_AUTH_TOKEN}",
        description = "Its auth token (env PARLEY_AUTH_TOKEN; default: read from the store).")
    String authToken;

    @Mixin StoreOptions store;

    /**
     * The server to call: {@code --url} or env {@code PARLEY_URL}; else the one last started on the
     * data directory; else where {@code serve} would listen with the same environment.
     */
    String url() {
      if (url != null && !url.isBlank()) {
        return url;
      }
      return store
          .runningServer()
          .map(RunningServer::localUrl)
          .orElseGet(
              () -> {
                String publicUrl = System.getenv("PARLEY_PUBLIC_URL");
                String port = System.getenv("PARLEY_HTTP_PORT");
                return publicUrl != null && !publicUrl.isBlank()
                    ? publicUrl
                    : "http://localhost:" + (port == null || port.isBlank() ? "8080" : port);
              });
    }

    /** Why {@link #url()} could not be reached, for a person to act on. */
    private String unreachable(String target) {
      var started = store.runningServer();
      if (url == null && started.isPresent() && !started.get().alive()) {
        return "Parley is not running: the server last started on "
            + store.dataDir
            + " (pid "
            + started.get().pid()
            + ", "
            + target
            + ") has stopped; start it with ./parley serve";
      }
      return "cannot reach Parley at "
          + target
          + " (is it running? --url or env PARLEY_URL names another server)";
    }

    JsonNode call(String method, String path, Map<String, String> form) {
      String target = url();
      String[] credentials = credentials();
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target.replaceAll("/+$", "") + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Basic " + basic);
      if (form == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/x-www-form-urlencoded")
            .method(method, HttpRequest.BodyPublishers.ofString(encode(form)));
      }
      HttpResponse<String> response;
      try {
        // HTTP/1.1: the default would offer an h2c upgrade, which Parley's jar does not serve.
        response =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException(unreachable(target), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      JsonNode body = parse(response.body());
      if (response.statusCode() >= 400) {
        throw new IllegalStateException(
            body.path("message").asText("HTTP " + response.statusCode())
                + " (code "
                + body.path("code").asText("?")
                + ")");
      }
      return body;
    }

    private String[] credentials() {
      if (accountSid != null && authToken != null) {
        return new String[] {accountSid, authToken};
      }
      return store.credentials(accountSid);
    }
  }

  /** The password from the first line of standard input, or asked for on the terminal. */
  static String password(boolean fromStdin) {
    if (!fromStdin && System.console() != null) {
      char[] typed = System.console().readPassword("Password: ");
      return typed == null ? "" : new String(typed);
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the password from standard input", e);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an agent.")
  static final class Add implements Runnable {
    @Parameters(index = "0", description = "The agent's identity (its Conversations identity).")
    String identity;

    @Option(names = "--name", required = true, description = "Display name the visitor sees.")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Mixin Server server;

    @Override
    public void run() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("Identity", identity);
      form.put("FriendlyName", name);
      form.put("Password", password(passwordStdin));
      JsonNode agent = server.call("POST", "/parley/v1/Agents", form);
      System.out.println(
          "Added agent " + agent.path("identity").asText() + " " + agent.path("sid").asText());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the agents.")
  static final class ListAgents implements Runnable {
    @Mixin Server server;

    @Override
    public void run() {
      for (JsonNode agent :
          server.call("GET", "/parley/v1/Agents?PageSize=1000", null).path("agents")) {
        System.out.println(
            agent.path("identity").asText()
                + "\t"
                + agent.path("friendly_name").asText()
                + "\t"
                + agent.path("sid").asText());
      }
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = "Change an agent's display name or password (a new password logs it out).")
  static final class Update implements Runnable {
    @Parameters(index = "0", description = "The agent's identity or SID.")
    String identity;

    @Option(names = "--name", description = "New display name.")
    String name;

    @Option(names = "--password-stdin", description = "Read a new password from standard input.")
    boolean passwordStdin;

    @Option(names = "--password", description = "Ask for a new password on the terminal.")
    boolean password;

    @Mixin Server server;

    @Override
    public void run() {
      Map<String, String> form = new LinkedHashMap<>();
      if (name != null) {
        form.put("FriendlyName", name);
      }
      if (passwordStdin || password) {
        form.put("Password", password(passwordStdin));
      }
      JsonNode agent = server.call("POST", "/parley/v1/Agents/" + path(identity), form);
      System.out.println("Updated agent " + agent.path("identity").asText());
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete an agent.")
  static final class Remove implements Runnable {
    @Parameters(index = "0", description = "The agent's identity or SID.")
    String identity;

    @Mixin Server server;

    @Override
    public void run() {
      server.call("DELETE", "/parley/v1/Agents/" + path(identity), null);
      System.out.println("Removed agent " + identity);
    }
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
