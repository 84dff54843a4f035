package dev.parley.api.flex;

import static dev.parley.api.flex.VerifiedFixtures.conversations;
import static dev.parley.api.flex.VerifiedFixtures.hmac;
import static dev.parley.api.flex.VerifiedFixtures.profileMessage;
import static dev.parley.api.flex.VerifiedFixtures.site;
import static dev.parley.api.flex.VerifiedFixtures.verifiedInit;
import static dev.parley.api.flex.WebchatFixtures.DEPLOYMENTS;
import static dev.parley.api.flex.WebchatFixtures.ORIGIN;
import static dev.parley.api.flex.WebchatFixtures.close;
import static dev.parley.api.flex.WebchatFixtures.deploymentKey;
import static dev.parley.api.flex.WebchatFixtures.init;
import static dev.parley.api.flex.WebchatFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.api.flex.VerifiedFixtures.Site;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v2/Webchat/Init} with a site's signed identity, under each verification setting. */
class VerifiedVisitorsInitTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void a_valid_hash_starts_a_chat_as_the_verified_identity() {
    Site site = site(server, "required");

    verifiedInit(server, site.key(), "user-42", hmac(site.secret(), "user-42"))
        .then()
        .statusCode(200)
        .body("identity", equalTo("verified:user-42"));
  }

  @Test
  void the_same_user_continues_its_open_conversation_from_another_browser() {
    Site site = site(server, "required");
    String hash = hmac(site.secret(), "user-7");
    JsonPath first = verifiedInit(server, site.key(), "user-7", hash).then().extract().jsonPath();
    String sid = first.getString("conversation_sid");

    JsonPath second = verifiedInit(server, site.key(), "user-7", hash).then().extract().jsonPath();

    assertThat(second.getString("identity")).isEqualTo("verified:user-7");
    assertThat(second.getString("conversation_sid")).isEqualTo(sid);
    conversations(server, site.key(), second.getString("token"))
        .then()
        .statusCode(200)
        .body("conversations.conversation_sid", contains(sid));
    server
        .api()
        .get("/v1/Conversations/" + sid + "/Participants")
        .then()
        .statusCode(200)
        .body("participants.identity", contains("verified:user-7"));
  }

  @Test
  void continuing_adds_no_participant_and_sends_no_webhook() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String address =
          server
              .api()
              .formParam("Type", "chat")
              .formParam("Address", "urn:parley:resume-" + System.nanoTime())
              .formParam("AutoCreation.Enabled", "true")
              .formParam("AutoCreation.Type", "webhook")
              .formParam("AutoCreation.WebhookUrl", receiver.url("/address"))
              .formParam("AutoCreation.WebhookMethod", "post")
              .formParam("AutoCreation.WebhookFilters", "onParticipantAdded")
              .post("/v1/Configuration/Addresses")
              .then()
              .statusCode(201)
              .extract()
              .path("sid");
      JsonPath deployment =
          server
              .api()
              .formParam("FriendlyName", "Resume widget")
              .formParam("AddressSid", address)
              .formParam("AllowedOrigins", ORIGIN)
              .formParam("IdentityVerification", "required")
              .post(DEPLOYMENTS)
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      String key = deployment.getString("deployment_key");
      String hash = hmac(deployment.getString("identity_secret"), "user-hooks");
      String sid =
          verifiedInit(server, key, "user-hooks", hash).then().extract().path("conversation_sid");
      receiver.awaitEvents("onParticipantAdded", 1);

      verifiedInit(server, key, "user-hooks", hash)
          .then()
          .statusCode(200)
          .body("conversation_sid", equalTo(sid));
      // A later participant's webhook is the barrier: a duplicate visitor's would come before it.
      server
          .api()
          .header("X-Twilio-Webhook-Enabled", "true")
          .formParam("Identity", "agent-barrier")
          .post("/v1/Conversations/" + sid + "/Participants")
          .then()
          .statusCode(201);

      assertThat(
              receiver.awaitEvents("onParticipantAdded", 2).stream()
                  .map(r -> r.param("Identity"))
                  .toList())
          .containsExactly("verified:user-hooks", "agent-barrier");
    }
  }

  @Test
  void an_inactive_conversation_is_continued_too() {
    Site site = site(server, "required");
    String hash = hmac(site.secret(), "user-inactive");
    String sid =
        verifiedInit(server, site.key(), "user-inactive", hash)
            .then()
            .extract()
            .path("conversation_sid");
    server
        .api()
        .formParam("State", "inactive")
        .post("/v1/Conversations/" + sid)
        .then()
        .statusCode(200);

    verifiedInit(server, site.key(), "user-inactive", hash)
        .then()
        .statusCode(200)
        .body("conversation_sid", equalTo(sid));
  }

  @Test
  void a_closed_conversation_is_never_continued_the_next_init_starts_a_new_one() {
    Site site = site(server, "required");
    String hash = hmac(site.secret(), "user-closed");
    JsonPath first =
        verifiedInit(server, site.key(), "user-closed", hash).then().extract().jsonPath();
    String sid = first.getString("conversation_sid");
    close(server, site.key(), first.getString("token"), sid).then().statusCode(200);

    String next =
        verifiedInit(server, site.key(), "user-closed", hash)
            .then()
            .statusCode(200)
            .extract()
            .path("conversation_sid");

    assertThat(next).isNotEqualTo(sid);
    verifiedInit(server, site.key(), "user-closed", hash)
        .then()
        .body("conversation_sid", equalTo(next));
  }

  @Test
  void another_verified_user_never_gets_the_open_conversation() {
    Site site = site(server, "required");
    String sid =
        verifiedInit(server, site.key(), "user-owner", hmac(site.secret(), "user-owner"))
            .then()
            .extract()
            .path("conversation_sid");

    verifiedInit(server, site.key(), "user-other", hmac(site.secret(), "user-other"))
        .then()
        .statusCode(200)
        .body("identity", equalTo("verified:user-other"))
        .body("conversation_sid", not(equalTo(sid)));
  }

  @Test
  void an_anonymous_init_never_continues_a_verified_users_conversation() {
    Site site = site(server, "optional");
    String sid =
        verifiedInit(server, site.key(), "user-anon", hmac(site.secret(), "user-anon"))
            .then()
            .extract()
            .path("conversation_sid");

    JsonPath anonymous = started(server, site.key());

    assertThat(anonymous.getString("conversation_sid")).isNotEqualTo(sid);
    assertThat(anonymous.getString("identity")).doesNotStartWith("verified:");
  }

  @Test
  void optional_a_wrong_hash_never_continues_the_users_conversation() {
    Site site = site(server, "optional");
    String sid =
        verifiedInit(server, site.key(), "user-wrong", hmac(site.secret(), "user-wrong"))
            .then()
            .extract()
            .path("conversation_sid");

    verifiedInit(server, site.key(), "user-wrong", hmac(site.secret(), "someone-else"))
        .then()
        .statusCode(200)
        .body("conversation_sid", not(equalTo(sid)))
        .body("identity", not(startsWith("verified:")));
  }

  @Test
  void the_conversation_says_the_identity_was_verified_and_carries_the_signed_fields() {
    Site site = site(server, "required");
    String attributes = "{\"plan\":\"gold\"}";
    String hash =
        hmac(site.secret(), profileMessage("user-9", "Ann Lee", "ann@example.com", attributes));
    String conversation =
        verifiedInit(
                server,
                site.key(),
                "user-9",
                hash,
                "IdentityFriendlyName",
                "Ann Lee",
                "IdentityEmail",
                "ann@example.com",
                "IdentityAttributes",
                attributes)
            .then()
            .statusCode(200)
            .extract()
            .path("conversation_sid");

    JsonPath attrs = attributes(conversation);

    assertThat(attrs.getBoolean("identity_verified")).isTrue();
    assertThat(attrs.getString("from")).isEqualTo("Ann Lee");
    assertThat(attrs.getString("pre_engagement_data.identity")).isEqualTo("user-9");
    assertThat(attrs.getString("pre_engagement_data.friendlyName")).isEqualTo("Ann Lee");
    assertThat(attrs.getString("pre_engagement_data.email")).isEqualTo("ann@example.com");
    assertThat(attrs.getString("pre_engagement_data.attributes.plan")).isEqualTo("gold");
    assertThat(attrs.getBoolean("pre_engagement_data.verified")).isTrue();
  }

  @Test
  void signed_fields_name_only_what_the_site_signed_not_what_the_visitor_typed() {
    Site site = site(server, "optional");
    String conversation =
        verifiedInit(
                server,
                site.key(),
                "user-10",
                hmac(site.secret(), "user-10"),
                "PreEngagementData",
                "{\"email\":\"typed@example.com\",\"signedFields\":[\"email\"]}")
            .then()
            .statusCode(200)
            .extract()
            .path("conversation_sid");

    JsonPath attrs = attributes(conversation);

    assertThat(attrs.getList("pre_engagement_data.signedFields")).containsExactly("identity");
    assertThat(attrs.getString("pre_engagement_data.email")).isEqualTo("typed@example.com");
  }

  @Test
  void an_anonymous_chat_says_the_identity_was_not_verified() {
    String conversation = started(server, deploymentKey(server)).getString("conversation_sid");

    assertThat(attributes(conversation).getBoolean("identity_verified")).isFalse();
  }

  @Test
  void required_refuses_a_wrong_hash() {
    Site site = site(server, "required");

    verifiedInit(server, site.key(), "user-1", "0".repeat(64))
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .body("message", containsString("IdentityHash"));
  }

  @Test
  void required_refuses_a_hash_that_is_not_hex() {
    Site site = site(server, "required");

    verifiedInit(server, site.key(), "user-1", "not-a-hash").then().statusCode(401);
  }

  @Test
  void required_refuses_the_hash_of_another_identity() {
    Site site = site(server, "required");

    verifiedInit(server, site.key(), "victim", hmac(site.secret(), "attacker"))
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void refuses_a_hash_made_with_another_deployments_secret() {
    Site site = site(server, "required");
    Site other = site(server, "required");

    verifiedInit(server, site.key(), "user-3", hmac(other.secret(), "user-3"))
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void refuses_a_tampered_profile_field() {
    Site site = site(server, "required");
    String hash = hmac(site.secret(), profileMessage("user-4", "", "me@example.com", ""));

    verifiedInit(server, site.key(), "user-4", hash, "IdentityEmail", "boss@example.com")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void refuses_a_profile_field_added_to_a_hash_of_the_identity_alone() {
    Site site = site(server, "required");

    verifiedInit(
            server,
            site.key(),
            "user-5",
            hmac(site.secret(), "user-5"),
            "IdentityFriendlyName",
            "Mallory")
        .then()
        .statusCode(401);
  }

  @Test
  void refuses_a_line_break_in_the_identity_so_the_signed_lines_cannot_shift() {
    Site site = site(server, "required");

    verifiedInit(server, site.key(), "user\nx", hmac(site.secret(), "user\nx"))
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void a_blank_profile_field_counts_as_not_sent() {
    Site site = site(server, "required");

    verifiedInit(server, site.key(), "user-11", hmac(site.secret(), "user-11"), "IdentityEmail", "")
        .then()
        .statusCode(200);
  }

  @Test
  void refuses_signed_attributes_that_are_not_an_object() {
    Site site = site(server, "required");
    String hash = hmac(site.secret(), profileMessage("user-12", "", "", "[1]"));

    verifiedInit(server, site.key(), "user-12", hash, "IdentityAttributes", "[1]")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("IdentityAttributes"));
  }

  @Test
  void refuses_a_hash_without_an_identity() {
    Site site = site(server, "required");

    init(server, site.key(), "IdentityHash", "0".repeat(64))
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("Identity"));
  }

  @Test
  void required_refuses_an_init_without_a_hash() {
    Site site = site(server, "required");

    init(server, site.key())
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("Identity"));
  }

  @Test
  void optional_treats_a_missing_hash_as_an_anonymous_visitor() {
    Site site = site(server, "optional");

    init(server, site.key()).then().statusCode(200).body("identity", not(startsWith("verified:")));
  }

  @Test
  void optional_treats_a_wrong_hash_as_a_new_anonymous_visitor() {
    Site site = site(server, "optional");

    JsonPath started =
        verifiedInit(server, site.key(), "user-6", hmac(site.secret(), "someone-else"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(started.getString("identity")).doesNotContain("user-6");
    assertThat(attributes(started.getString("conversation_sid")).getBoolean("identity_verified"))
        .isFalse();
  }

  @Test
  void optional_accepts_a_valid_hash() {
    Site site = site(server, "optional");

    verifiedInit(server, site.key(), "user-8", hmac(site.secret(), "user-8"))
        .then()
        .statusCode(200)
        .body("identity", equalTo("verified:user-8"));
  }

  @Test
  void off_refuses_a_hash_with_a_clear_error() {
    Site site = site(server, "off");

    verifiedInit(server, site.key(), "user-8", hmac(site.secret(), "user-8"))
        .then()
        .statusCode(400)
        .body("code", equalTo(45745))
        .body("message", containsString("off"));
  }

  @Test
  void off_keeps_anonymous_visitors_without_a_hash() {
    Site site = site(server, "off");

    init(server, site.key()).then().statusCode(200);
  }

  @Test
  void an_unverified_visitor_cannot_claim_a_verified_identity() {
    Site site = site(server, "optional");
    verifiedInit(server, site.key(), "user-11", hmac(site.secret(), "user-11"))
        .then()
        .statusCode(200);

    init(server, site.key(), "Identity", "verified:user-11")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745));
    init(server, site.key(), "Identity", "user-11").then().statusCode(400);
  }

  @Test
  void a_verified_identity_is_never_an_unverified_visitors() {
    Site site = site(server, "optional");
    String anonymous = init(server, site.key()).then().extract().path("identity");

    verifiedInit(server, site.key(), anonymous, hmac(site.secret(), anonymous))
        .then()
        .statusCode(200)
        .body("identity", equalTo("verified:" + anonymous));
  }

  @Test
  void a_verified_identity_is_never_an_agents() {
    Site site = site(server, "required");
    agent("support-anna").then().statusCode(201);

    verifiedInit(server, site.key(), "support-anna", hmac(site.secret(), "support-anna"))
        .then()
        .statusCode(200)
        .body("identity", equalTo("verified:support-anna"));
    agent("verified:someone")
        .then()
        .statusCode(400)
        .body("message", containsString("verified Webchat visitors"));
  }

  private static io.restassured.response.Response agent(String identity) {
    return server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .formParam("Identity", identity)
        .formParam("FriendlyName", "Anna")
        .formParam("Password", "correct horse battery")
        .post("/parley/v1/Agents");
  }

  private static JsonPath attributes(String conversation) {
    String json = server.api().get("/v1/Conversations/" + conversation).path("attributes");
    return new JsonPath(json);
  }
}
