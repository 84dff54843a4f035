package dev.parley.api.flex;

import static dev.parley.api.flex.VerifiedFixtures.conversations;
import static dev.parley.api.flex.VerifiedFixtures.hmac;
import static dev.parley.api.flex.VerifiedFixtures.site;
import static dev.parley.api.flex.VerifiedFixtures.verifiedInit;
import static dev.parley.api.flex.WebchatFixtures.DEPLOYMENTS;
import static dev.parley.api.flex.WebchatFixtures.close;
import static dev.parley.api.flex.WebchatFixtures.deployment;
import static dev.parley.api.flex.WebchatFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.api.flex.VerifiedFixtures.Site;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment's identity secret and settings ({@code /parley/v1/WebchatDeployments}) and a
 * verified visitor's conversation list ({@code /parley/v1/Webchat/Conversations/List}).
 */
class VerifiedVisitorsDeploymentTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void close_the_receiver() {
    receiver.close();
  }

  @Test
  void the_creation_shows_the_identity_secret_and_the_default_settings() {
    JsonPath created = deployment(server);

    assertThat(created.getString("identity_secret")).matches("^[0-9a-f]{64}$");
    assertThat(created.getString("identity_verification")).isEqualTo("off");
    assertThat(created.getString("verified_pre_engagement")).isEqualTo("skip");
  }

  @Test
  void no_later_answer_shows_the_identity_secret() {
    String sid = deployment(server).getString("sid");

    server
        .api()
        .get(DEPLOYMENTS + "/" + sid)
        .then()
        .statusCode(200)
        .body("identity_secret", nullValue());
    server
        .api()
        .formParam("FriendlyName", "Renamed")
        .post(DEPLOYMENTS + "/" + sid)
        .then()
        .body("identity_secret", nullValue());
  }

  @Test
  void updates_the_verification_and_pre_engagement_settings() {
    String sid = deployment(server).getString("sid");

    server
        .api()
        .formParam("IdentityVerification", "Required")
        .formParam("VerifiedPreEngagement", "prefill")
        .post(DEPLOYMENTS + "/" + sid)
        .then()
        .statusCode(200)
        .body("identity_verification", equalTo("required"))
        .body("verified_pre_engagement", equalTo("prefill"));
  }

  @Test
  void the_widget_reads_the_settings_with_the_deployment_key() {
    Site site = site(server, "optional");

    server
        .unchecked()
        .header("Origin", WebchatFixtures.ORIGIN)
        .formParam("DeploymentKey", site.key())
        .post("/parley/v1/Webchat/Settings")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", WebchatFixtures.ORIGIN)
        .body("identity_verification", equalTo("optional"))
        .body("verified_pre_engagement", equalTo("skip"))
        .body("identity_secret", nullValue());
  }

  @Test
  void refuses_an_unknown_verification_setting() {
    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .formParam("AddressSid", WebchatFixtures.defaultChatAddress(server))
        .formParam("IdentityVerification", "sometimes")
        .post(DEPLOYMENTS)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void rotation_shows_a_new_secret_and_old_hashes_stop_working() {
    Site site = site(server, "required");
    String oldHash = hmac(site.secret(), "user-1");

    String rotated =
        server
            .api()
            .post(DEPLOYMENTS + "/" + site.sid() + "/IdentitySecret")
            .then()
            .statusCode(200)
            .body("identity_secret", matchesPattern("^[0-9a-f]{64}$"))
            .extract()
            .path("identity_secret");

    assertThat(rotated).isNotEqualTo(site.secret());
    verifiedInit(server, site.key(), "user-1", oldHash)
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
    verifiedInit(server, site.key(), "user-1", hmac(rotated, "user-1")).then().statusCode(200);
  }

  @Test
  void rotation_of_another_accounts_or_an_unknown_deployment_is_not_found() {
    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .post(DEPLOYMENTS + "/DP00000000000000000000000000000000/IdentitySecret")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void rotation_needs_account_credentials() {
    String sid = deployment(server).getString("sid");

    server.unchecked().post(DEPLOYMENTS + "/" + sid + "/IdentitySecret").then().statusCode(401);
  }

  @Test
  void lists_a_verified_users_conversations_from_every_browser_closed_ones_read_only() {
    Site site = site(server, "required");
    String hash = hmac(site.secret(), "user-h");
    JsonPath laptop = verifiedInit(server, site.key(), "user-h", hash).then().extract().jsonPath();
    close(server, site.key(), laptop.getString("token"), laptop.getString("conversation_sid"))
        .then()
        .statusCode(200);
    JsonPath phone = verifiedInit(server, site.key(), "user-h", hash).then().extract().jsonPath();

    conversations(server, site.key(), phone.getString("token"))
        .then()
        .statusCode(200)
        .body(
            "conversations.conversation_sid",
            contains(laptop.getString("conversation_sid"), phone.getString("conversation_sid")))
        .body("conversations.read_only", contains(true, false))
        .body("conversations.state", contains("closed", "active"));
  }

  @Test
  void the_list_shows_nothing_of_another_visitor() {
    Site site = site(server, "required");
    verifiedInit(server, site.key(), "user-a", hmac(site.secret(), "user-a"))
        .then()
        .statusCode(200);
    String other =
        verifiedInit(server, site.key(), "user-b", hmac(site.secret(), "user-b"))
            .then()
            .extract()
            .path("token");

    conversations(server, site.key(), other)
        .then()
        .statusCode(200)
        .body("conversations.size()", equalTo(1));
  }

  @Test
  void the_list_refuses_a_forged_token() {
    Site site = site(server, "optional");
    String token = started(server, site.key()).getString("token");
    String forged = token.substring(0, token.length() - 4) + "AAAA";

    conversations(server, site.key(), forged).then().statusCode(401);
  }

  @Test
  void webhooks_say_the_identity_was_verified() {
    Site site = site(server, "required");
    JsonPath chat =
        verifiedInit(server, site.key(), "user-w", hmac(site.secret(), "user-w"))
            .then()
            .extract()
            .jsonPath();
    String conversation = chat.getString("conversation_sid");
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", receiver.url("/updates"))
        .formParam("Configuration.Filters", "onConversationUpdated")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    close(server, site.key(), chat.getString("token"), conversation).then().statusCode(200);

    Received updated = receiver.awaitEvents("onConversationUpdated", 1).get(0);
    assertThat(new JsonPath(updated.param("Attributes")).getBoolean("identity_verified")).isTrue();
    assertThat(updated.param("ClientIdentity")).isEqualTo("verified:user-w");
  }

  @Test
  void the_visitors_participant_says_the_identity_was_verified() {
    Site site = site(server, "required");
    String conversation =
        verifiedInit(server, site.key(), "user-p", hmac(site.secret(), "user-p"))
            .then()
            .extract()
            .path("conversation_sid");

    String attributes =
        server
            .api()
            .get("/v1/Conversations/" + conversation + "/Participants")
            .then()
            .statusCode(200)
            .extract()
            .path("participants[0].attributes");

    assertThat(new JsonPath(attributes).getBoolean("identity_verified")).isTrue();
  }

  @Test
  void the_list_needs_a_token() {
    Site site = site(server, "optional");

    server
        .unchecked()
        .header("Origin", WebchatFixtures.ORIGIN)
        .formParam("DeploymentKey", site.key())
        .post("/parley/v1/Webchat/Conversations/List")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }
}
