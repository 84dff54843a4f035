package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may read a medium, beyond MediaContentServiceTest: a participant who left, a token of another
 * service, another account's batch lookup, and temporary URLs moved or outliving their medium. Each
 * refusal looks like a medium that does not exist, or a refused signature.
 */
class MediaAuthorizationTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static MediaClient mcs;
  private static TwilioRestClient twilio;
  private static ConversationFixtures fixtures;

  @BeforeAll
  static void clients() {
    mcs = new MediaClient(server);
    twilio = TwilioClients.of(server);
    fixtures = new ConversationFixtures(server);
  }

  @Test
  void a_participant_who_left_the_conversation_no_longer_reads_its_media() {
    String conversation = fixtures.conversationWith("alice", "bob");
    String media = attached(conversation, "alice", "shared once");
    String content = mcs.media() + "/" + media + "/Content";
    mcs.as("bob").get(content).then().statusCode(200);
    String bob =
        StreamSupport.stream(Participant.reader(conversation).read(twilio).spliterator(), false)
            .filter(p -> "bob".equals(p.getIdentity()))
            .findFirst()
            .orElseThrow()
            .getSid();

    Participant.deleter(conversation, bob).delete(twilio);

    mcs.as("bob").get(content).then().statusCode(404).body("code", equalTo(20404));
  }

  @Test
  void a_participant_of_another_conversation_finds_nothing_in_the_batch_lookup() {
    String conversation = fixtures.conversationWith("carol");
    fixtures.conversationWith("mallory");
    String media = attached(conversation, "carol", "carol's");

    JsonPath answer =
        mcs.as("mallory")
            .contentType("application/json")
            .body("{\"command\":\"get\",\"list\":[{\"media_sid\":\"" + media + "\"}]}")
            .post("/v1/Services/" + mcs.serviceSid() + "/MediaSet")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getInt("[0].code")).isEqualTo(404);
    assertThat(answer.getString("[0].media_record")).isNull();
  }

  @Test
  void a_token_of_another_service_finds_nothing_in_this_one() {
    String media = mcs.upload("image/png", bytes("this service's")).getString("sid");
    String other = newService();
    String foreign = mcs.token("alice", other);

    mcs.exact()
        .header("X-Twilio-Token", foreign)
        .get(mcs.media() + "/" + media)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
    mcs.exact()
        .header("X-Twilio-Token", foreign)
        .get("/v1/Services/" + other + "/Media/" + media)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void another_accounts_credentials_cannot_use_the_batch_lookup() {
    String media = mcs.upload("image/png", bytes("ours")).getString("sid");
    JsonPath tenant =
        server
            .api()
            .formParam("FriendlyName", "tenant")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    mcs.exact()
        .auth()
        .preemptive()
        .basic(tenant.getString("sid"), tenant.getString("auth_token"))
        .contentType("application/json")
        .body("{\"command\":\"get\",\"list\":[{\"media_sid\":\"" + media + "\"}]}")
        .post("/v1/Services/" + mcs.serviceSid() + "/MediaSet")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void a_temporary_url_moved_to_another_services_path_is_refused() {
    JsonPath media = mcs.upload("image/png", bytes("pixels"));
    String moved =
        relative(media.getString("links.content_direct_temporary"))
            .replace(mcs.serviceSid(), newService());

    server
        .unchecked()
        .urlEncodingEnabled(false)
        .get(moved)
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }

  @Test
  void a_temporary_url_outliving_its_deleted_medium_finds_nothing() {
    String conversation = fixtures.conversationWith("dave");
    String media = mcs.upload("image/png", bytes("short-lived")).getString("sid");
    String message =
        Message.creator(conversation).setAuthor("dave").setMediaSid(media).create(twilio).getSid();
    String temporary =
        relative(
            mcs.asAccount()
                .get(mcs.media() + "/" + media)
                .then()
                .statusCode(200)
                .extract()
                .path("links.content_direct_temporary"));

    Message.deleter(conversation, message).delete(twilio);

    server
        .unchecked()
        .urlEncodingEnabled(false)
        .get(temporary)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  private static String attached(String conversation, String author, String text) {
    String media = mcs.uploadAs(author, "text/plain", bytes(text)).getString("sid");
    Message.creator(conversation).setAuthor(author).setMediaSid(media).create(twilio);
    return media;
  }

  private static String newService() {
    return server
        .api()
        .formParam("FriendlyName", "other")
        .post("/v1/Services")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String relative(String absolute) {
    URI uri = URI.create(absolute);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }
}
