package dev.parley.api.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.parley.testing.ParleyServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /parley/v1/Agents}: console agents managed with account credentials. */
class AgentsApiTest {
  private static final String AGENTS = "/parley/v1/Agents";
  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static io.restassured.response.Response create(String identity, String name) {
    return server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .formParam("Identity", identity)
        .formParam("FriendlyName", name)
        .formParam("Password", PASSWORD)
        .post(AGENTS);
  }

  @Test
  void creates_an_agent_without_showing_its_password() {
    create("alice", "Alice Agent")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^WK[0-9a-f]{32}$"))
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("identity", equalTo("alice"))
        .body("friendly_name", equalTo("Alice Agent"))
        .body("$", not(hasKey("password")))
        .body("$", not(hasKey("password_hash")))
        .body("url", matchesPattern("^.*" + AGENTS + "/WK[0-9a-f]{32}$"));
  }

  @Test
  void makes_the_agent_a_conversations_user_named_by_its_display_name() {
    create("bruno", "Bruno B").then().statusCode(201);

    server
        .api()
        .get("/v1/Users/bruno")
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Bruno B"));
  }

  @Test
  void stores_the_password_as_an_argon2id_hash_only() throws Exception {
    create("carla", "Carla").then().statusCode(201);

    try (Connection connection = server.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT password_hash FROM agents WHERE identity = ?")) {
      query.setString(1, "carla");
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1))
            .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
            .doesNotContain(PASSWORD);
      }
    }
  }

  @Test
  void fetches_by_identity_and_lists_with_twilio_paging() {
    String sid = create("dora", "Dora").then().statusCode(201).extract().path("sid");

    server.api().get(AGENTS + "/dora").then().statusCode(200).body("sid", equalTo(sid));
    server
        .api()
        .get(AGENTS + "?PageSize=50")
        .then()
        .statusCode(200)
        .body("agents.identity", hasItem("dora"))
        .body("meta.key", equalTo("agents"));
  }

  @Test
  void renames_the_agent_and_its_user() {
    create("emil", "Emil").then().statusCode(201);

    server
        .api()
        .formParam("FriendlyName", "Emil E.")
        .post(AGENTS + "/emil")
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Emil E."));

    server.api().get("/v1/Users/emil").then().body("friendly_name", equalTo("Emil E."));
  }

  @Test
  void deletes_an_agent_and_then_answers_404() {
    create("fritz", "Fritz").then().statusCode(201);

    server.api().delete(AGENTS + "/fritz").then().statusCode(204);

    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .get(AGENTS + "/fritz")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body("status", equalTo(404))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/20404"));
  }

  @Test
  void refuses_a_second_agent_with_the_same_identity_with_409() {
    create("gina", "Gina").then().statusCode(201);

    create("gina", "Gina again").then().statusCode(409).body("code", equalTo(50201));
  }

  @Test
  void refuses_a_password_shorter_than_eight_characters_with_400() {
    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .formParam("Identity", "hans")
        .formParam("FriendlyName", "Hans")
        .formParam("Password", "short")
        .post(AGENTS)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", equalTo("Invalid parameter Password: must be at least 8 characters"));
  }

  @Test
  void refuses_requests_without_account_credentials_with_401() {
    server.unchecked().get(AGENTS).then().statusCode(401).body("code", equalTo(20003));
  }
}
