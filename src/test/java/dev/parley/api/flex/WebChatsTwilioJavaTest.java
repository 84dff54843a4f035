package dev.parley.api.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.flexapi.v2.WebChannels;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Web chats created with Twilio's unmodified Java helper, then inspected through Conversations. */
class WebChatsTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String address() {
    return server
        .api()
        .get("/v1/Configuration/Addresses?Type=chat")
        .then()
        .extract()
        .path("address_configurations[0].sid");
  }

  @Test
  void creates_a_web_chat_whose_conversation_user_and_participant_are_visible() {
    var twilio = TwilioClients.of(server);

    WebChannels chat =
        WebChannels.creator(address())
            .setChatFriendlyName("Webchat widget")
            .setCustomerFriendlyName("Larry David")
            .setPreEngagementData("{\"friendlyName\":\"Larry David\",\"query\":\"Hi\"}")
            .setIdentity("seinfeld")
            .setUiVersion("1.0.0")
            .create(twilio);

    assertThat(chat.getIdentity()).isEqualTo("seinfeld");
    Conversation conversation = Conversation.fetcher(chat.getConversationSid()).fetch(twilio);
    assertThat(conversation.getFriendlyName()).isEqualTo("Webchat widget");
    assertThat(conversation.getAttributes())
        .contains("\"pre_engagement_data\":{\"friendlyName\":\"Larry David\"");
    assertThat(User.fetcher("seinfeld").fetch(twilio).getFriendlyName()).isEqualTo("Larry David");
    List<String> identities = new ArrayList<>();
    Participant.reader(chat.getConversationSid())
        .read(twilio)
        .forEach(p -> identities.add(p.getIdentity()));
    assertThat(identities).containsExactly("seinfeld");
  }

  @Test
  void surfaces_the_twilio_error_for_oversized_pre_engagement_data() {
    var twilio = TwilioClients.of(server);

    assertThatThrownBy(
            () ->
                WebChannels.creator(address())
                    .setPreEngagementData("{\"n\":\"" + "x".repeat(17_000) + "\"}")
                    .create(twilio))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(45731));
  }
}
