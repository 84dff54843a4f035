package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Role;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.twilio.rest.flexapi.v1.WebChannel;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unknown resource, or one under an unknown parent, is answered as Twilio does: 404 with code
 * 20404 and {@code The requested resource <path> was not found}, the path being the request's
 * without its version segment ({@code /v1}) and without the query; the 2010 API keeps its whole
 * path. Client code matches on both the code and the message, so each family is checked through
 * twilio-java and, for the exact bytes, REST Assured.
 */
class NotFoundTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String CH = "CH" + "0".repeat(32);
  private static final String MB = "MB" + "0".repeat(32);
  private static final String IM = "IM" + "0".repeat(32);
  private static final String DY = "DY" + "0".repeat(32);
  private static final String WH = "WH" + "0".repeat(32);
  private static final String US = "US" + "0".repeat(32);
  private static final String RL = "RL" + "0".repeat(32);
  private static final String IS = "IS" + "0".repeat(32);
  private static final String IG = "IG" + "0".repeat(32);
  private static final String FO = "FO" + "0".repeat(32);
  private static final String SK = "SK" + "0".repeat(32);
  private static final String AC = "AC" + "0".repeat(32);

  private final ConversationFixtures fixtures = new ConversationFixtures(server);

  private static TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  @Test
  void an_unknown_conversation_is_named_by_its_path() {
    ApiException fetched =
        catchThrowableOfType(ApiException.class, () -> Conversation.fetcher(CH).fetch(twilio()));

    assertTwilioNotFound(fetched, "/Conversations/" + CH);
    server
        .api()
        .formParam("FriendlyName", "x")
        .post("/v1/Conversations/" + CH)
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/Conversations/" + CH)));
  }

  @Test
  void a_list_under_an_unknown_conversation_names_the_list_path() {
    ApiException listed =
        catchThrowableOfType(ApiException.class, () -> Message.reader(CH).read(twilio()));

    assertTwilioNotFound(listed, "/Conversations/" + CH + "/Messages");
    server
        .api()
        .get("/v1/Conversations/no-such-room/Participants?PageSize=5")
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/Conversations/no-such-room/Participants")));
  }

  @Test
  void an_unknown_participant_is_named_by_its_path() {
    String conversation = fixtures.conversationWith("ann");

    ApiException fetched =
        catchThrowableOfType(
            ApiException.class, () -> Participant.fetcher(conversation, MB).fetch(twilio()));

    assertTwilioNotFound(fetched, "/Conversations/" + conversation + "/Participants/" + MB);
    server
        .api()
        .delete("/v1/Conversations/" + conversation + "/Participants/bob")
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/Conversations/" + conversation + "/Participants/bob")));
  }

  @Test
  void an_unknown_message_or_receipt_is_named_by_its_path() {
    String conversation = fixtures.conversationWith();
    fixtures.post(conversation, "hi");
    String receipts = "/Conversations/" + conversation + "/Messages/" + IM + "/Receipts";

    ApiException fetched =
        catchThrowableOfType(
            ApiException.class, () -> Message.fetcher(conversation, IM).fetch(twilio()));

    assertTwilioNotFound(fetched, "/Conversations/" + conversation + "/Messages/" + IM);
    server
        .api()
        .get("/v1" + receipts + "/" + DY)
        .then()
        .statusCode(404)
        .body(equalTo(notFound(receipts + "/" + DY)));
  }

  @Test
  void an_unknown_conversation_webhook_is_named_by_its_path() {
    String conversation = fixtures.conversationWith();
    String path = "/Conversations/" + conversation + "/Webhooks/" + WH;

    ApiException fetched =
        catchThrowableOfType(
            ApiException.class, () -> Webhook.fetcher(conversation, WH).fetch(twilio()));

    assertTwilioNotFound(fetched, path);
    server.api().delete("/v1" + path).then().statusCode(404).body(equalTo(notFound(path)));
  }

  @Test
  void an_unknown_user_or_membership_is_named_by_its_path() {
    String conversation = fixtures.conversationWith("ann");
    server.api().formParam("Identity", "bob").post("/v1/Users").then().statusCode(201);

    ApiException fetched =
        catchThrowableOfType(ApiException.class, () -> User.fetcher(US).fetch(twilio()));

    assertTwilioNotFound(fetched, "/Users/" + US);
    server
        .api()
        .get("/v1/Users/bob/Conversations/" + conversation)
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/Users/bob/Conversations/" + conversation)));
  }

  @Test
  void an_unknown_role_is_named_by_its_path() {
    ApiException fetched =
        catchThrowableOfType(ApiException.class, () -> Role.fetcher(RL).fetch(twilio()));

    assertTwilioNotFound(fetched, "/Roles/" + RL);
    server
        .api()
        .delete("/v1/Roles/" + RL)
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/Roles/" + RL)));
  }

  @Test
  void an_unknown_service_is_named_by_the_path_under_it() {
    String service = defaultService();

    ApiException fetched =
        catchThrowableOfType(ApiException.class, () -> Service.fetcher(IS).fetch(twilio()));
    ApiException scoped =
        catchThrowableOfType(
            ApiException.class,
            () ->
                com.twilio.rest.conversations.v1.service.Conversation.fetcher(service, CH)
                    .fetch(twilio()));

    assertTwilioNotFound(fetched, "/Services/" + IS);
    assertTwilioNotFound(scoped, "/Services/" + service + "/Conversations/" + CH);
    server
        .api()
        .get("/v1/Services/" + IS + "/Configuration/Webhooks")
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/Services/" + IS + "/Configuration/Webhooks")));
  }

  @Test
  void an_unknown_address_configuration_is_named_by_its_path() {
    ApiException fetched =
        catchThrowableOfType(
            ApiException.class, () -> AddressConfiguration.fetcher(IG).fetch(twilio()));

    assertTwilioNotFound(fetched, "/Configuration/Addresses/" + IG);
    server
        .api()
        .delete("/v1/Configuration/Addresses/" + IG)
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/Configuration/Addresses/" + IG)));
  }

  @Test
  void an_unknown_flex_flow_or_web_channel_is_named_by_its_path() {
    ApiException flow =
        catchThrowableOfType(ApiException.class, () -> FlexFlow.fetcher(FO).fetch(twilio()));
    ApiException channel =
        catchThrowableOfType(ApiException.class, () -> WebChannel.fetcher(CH).fetch(twilio()));

    assertTwilioNotFound(flow, "/FlexFlows/" + FO);
    assertTwilioNotFound(channel, "/WebChannels/" + CH);
    server
        .api()
        .delete("/v1/FlexFlows/" + FO)
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/FlexFlows/" + FO)));
  }

  @Test
  void an_unknown_key_or_account_keeps_the_whole_2010_path() {
    String keys = "/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys/" + SK + ".json";

    ApiException fetched =
        catchThrowableOfType(ApiException.class, () -> Key.fetcher(SK).fetch(twilio()));

    assertTwilioNotFound(fetched, keys);
    server
        .api()
        .get("/2010-04-01/Accounts/" + AC + "/Keys.json")
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/2010-04-01/Accounts/" + AC + "/Keys.json")));
  }

  @Test
  void an_unknown_route_is_named_without_its_version() {
    server
        .api()
        .get("/v1/NoSuchThing?PageSize=5")
        .then()
        .statusCode(404)
        .body(equalTo(notFound("/NoSuchThing")));
  }

  private String defaultService() {
    return server
        .api()
        .get("/v1/Configuration")
        .then()
        .statusCode(200)
        .extract()
        .path("default_chat_service_sid");
  }

  private static void assertTwilioNotFound(ApiException e, String path) {
    assertThat(e).isNotNull();
    assertThat(e.getCode()).isEqualTo(20404);
    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(e.getMessage()).isEqualTo("The requested resource " + path + " was not found");
    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20404");
  }

  private static String notFound(String path) {
    return "{\"code\":20404,\"message\":\"The requested resource "
        + path
        + " was not found\",\"more_info\":\"https://www.twilio.com/docs/errors/20404\","
        + "\"status\":404}";
  }
}
