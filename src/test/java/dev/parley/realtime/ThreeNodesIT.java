package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.addedText;
import static dev.parley.testing.SyncSteps.get;
import static dev.parley.testing.SyncSteps.messagesList;
import static dev.parley.testing.SyncSteps.subscribe;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.testing.SyncSteps;
import dev.parley.testing.TwilsockClient;
import dev.parley.testing.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Parley processes on one PostgreSQL database, as behind a load balancer: a message posted on
 * one node reaches a client on another, and when that client's node is killed (SIGKILL, no goodbye)
 * the client catches up on a third node with no gap and no duplicate; a killed node's webhook lane
 * is taken over by another once its lease (2 s here) runs out. Runs after {@code package} (it
 * starts the built jar); needs the machine's PostgreSQL at 127.0.0.1:5432. Each test kills a node,
 * so they run in order on the ones left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodesIT {
  private static final String SERVER = "127.0.0.1:5432";
  private static final String ACCOUNT = "AC00000000000000000000000000000003";
  private static final String AUTH_TOKEN = "three-nodes-auth-token-000000003";
  private static final String DATABASE = "parley_it_" + ProcessHandle.current().pid();
  private static final List<Process> nodes = new ArrayList<>();
  private static final List<Integer> ports = new ArrayList<>();

  @BeforeAll
  static void startThreeNodes() throws Exception {
    try {
      admin("DROP DATABASE IF EXISTS " + DATABASE);
      admin("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      System.err.println("ThreeNodesIT SKIPPED: no PostgreSQL at " + SERVER + ": " + e);
      Assumptions.abort("no PostgreSQL at " + SERVER);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String masterKey = Base64.getEncoder().encodeToString(key);
    // The first node creates the schema and the account; the others join the running service.
    start(masterKey);
    awaitReady(0);
    start(masterKey);
    start(masterKey);
    awaitReady(1);
    awaitReady(2);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (Process node : nodes) {
      node.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
  }

  @Test
  @Order(1)
  void a_client_whose_node_is_killed_catches_up_on_another_without_gap_or_duplicate() {
    String conversation = conversationWith("ann");
    String token = token("ann");
    String service =
        api(1).get("/v1/Configuration").then().extract().path("default_chat_service_sid");
    List<String> received = new ArrayList<>();
    long lastSeen;
    try (TwilsockClient onA = TwilsockClient.connect(ports.get(0))) {
      onA.init(token);
      String messages = messagesList(onA, service, "ann", conversation);
      subscribe(
          onA, messages, "list", get(onA, "/v3/Lists/" + messages).path("last_event_id").asLong());
      post(conversation, "one");
      TwilsockFrame one = onA.await(frame -> addedText(frame).equals("one"));
      received.add(addedText(one));
      lastSeen = TwilsockClient.body(one).path("event").path("id").asLong();

      nodes.get(0).destroyForcibly();
      onA.awaitClosed();
    }
    post(conversation, "two");
    post(conversation, "three");

    try (TwilsockClient onC = TwilsockClient.connect(ports.get(2))) {
      onC.init(token);
      subscribe(onC, messagesList(onC, service, "ann", conversation), "list", lastSeen);
      post(conversation, "four");
      onC.await(frame -> addedText(frame).equals("four"));
      onC.frames().stream()
          .map(SyncSteps::addedText)
          .filter(t -> !t.isEmpty())
          .forEach(received::add);
    }

    assertThat(received).containsExactly("one", "two", "three", "four");
  }

  @Test
  @Order(2)
  void a_killed_nodes_claimed_delivery_is_delivered_by_another_node() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.hang("/killed");
      int rest = living();
      String conversation = conversationCalling(rest, receiver.url("/killed"));
      postWithWebhooks(rest, conversation, "before the kill");
      receiver.awaitAll(r -> r.path().equals("/killed"), 1);
      Process holder = holderOf(conversation);

      holder.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      receiver.release("/killed");
      postWithWebhooks(living(), conversation, "after the kill");

      List<WebhookReceiver.Received> calls =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> receiver.received("/killed"),
                  got -> got.stream().anyMatch(r -> "after the kill".equals(r.param("Body"))));
      assertThat(calls)
          .extracting(r -> r.param("Body"))
          .containsExactly("before the kill", "before the kill", "after the kill");
      assertThat(calls.get(1).header("I-Twilio-Idempotency-Token"))
          .isEqualTo(calls.get(0).header("I-Twilio-Idempotency-Token"));
    }
  }

  /** The index of a node still running. */
  private static int living() {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).isAlive()) {
        return i;
      }
    }
    throw new IllegalStateException("no node left");
  }

  /** The node process that holds the lease of the conversation's webhook lane. */
  private static Process holderOf(String conversation) throws SQLException {
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://" + SERVER + "/" + DATABASE, "postgres", "");
        PreparedStatement query =
            db.prepareStatement("SELECT leased_by FROM webhook_lanes WHERE lane LIKE ?")) {
      query.setString(1, "conversation % " + conversation);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as("a node holds the lane").isTrue();
        long pid = Long.parseLong(rows.getString(1).replaceFirst("-.*", ""));
        return nodes.stream().filter(node -> node.pid() == pid).findFirst().orElseThrow();
      }
    }
  }

  private static String conversationCalling(int node, String url) {
    String sid =
        api(node)
            .formParam("FriendlyName", "three nodes webhooks")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    api(node)
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", url)
        .formParam("Configuration.Method", "POST")
        .formParam("Configuration.Filters", "onMessageAdded")
        .post("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .statusCode(201);
    return sid;
  }

  private static void postWithWebhooks(int node, String conversation, String body) {
    api(node)
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("Author", "system")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  private static void start(String masterKey) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path root = Path.of(System.getProperty("parley.root", ".")).toAbsolutePath();
    Path log = Files.createTempFile("parley-node-" + nodes.size(), ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                "java",
                "-jar",
                root.resolve("target/parley.jar").toString(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data-dir",
                Files.createTempDirectory("parley-node").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
    builder
        .environment()
        .put("PARLEY_DATABASE_URL", "postgresql://postgres@" + SERVER + "/" + DATABASE);
    builder.environment().put("PARLEY_MASTER_KEY", masterKey);
    builder.environment().put("PARLEY_ACCOUNT_SID", ACCOUNT);
    builder.environment().put("PARLEY_AUTH_TOKEN", AUTH_TOKEN);
    builder.environment().put("PARLEY_WEBHOOK_LEASE_MS", "2000");
    builder.environment().put("PARLEY_WEBHOOK_ALLOW_NETWORKS", "127.0.0.0/8");
    nodes.add(builder.start());
    ports.add(port);
  }

  private static void awaitReady(int node) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> api(node).get("/v1/Configuration").statusCode() == 200);
  }

  /** REST calls go to the second node: the clients sit on the first and third. */
  private static RequestSpecification api(int node) {
    return given()
        .baseUri("http://127.0.0.1:" + ports.get(node))
        .auth()
        .preemptive()
        .basic(ACCOUNT, AUTH_TOKEN);
  }

  private static String conversationWith(String identity) {
    String sid =
        api(1)
            .formParam("FriendlyName", "three nodes")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    api(1)
        .formParam("Identity", identity)
        .post("/v1/Conversations/" + sid + "/Participants")
        .then()
        .statusCode(201);
    return sid;
  }

  private static void post(String conversation, String body) {
    api(1)
        .formParam("Author", "system")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  private static String token(String identity) {
    JsonPath key =
        api(1)
            .formParam("FriendlyName", "three nodes")
            .post("/2010-04-01/Accounts/" + ACCOUNT + "/Keys.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String service =
        api(1).get("/v1/Configuration").then().extract().path("default_chat_service_sid");
    return new AccessToken.Builder(
            ACCOUNT, key.getString("sid"), key.getString("secret").getBytes(StandardCharsets.UTF_8))
        .identity(identity)
        .grant(new ChatGrant().setServiceSid(service))
        .ttl(3600)
        .build()
        .toJwt();
  }

  private static void admin(String sql) throws SQLException {
    try (Connection connection =
        DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/test", "postgres", "")) {
      connection.createStatement().execute(sql);
    }
  }
}
