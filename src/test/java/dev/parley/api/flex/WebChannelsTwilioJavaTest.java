package dev.parley.api.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.flexapi.v1.WebChannel;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Legacy web channels driven by Twilio's unmodified Java helper library. */
class WebChannelsTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final WebChannelFixtures fixtures = new WebChannelFixtures(server);

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  private WebChannel open(String flow, String identity) {
    return WebChannel.creator(flow, identity, "Ann Visitor", "Flex WebChat").create(twilio());
  }

  @Test
  void creates_a_web_channel_whose_conversation_user_and_participant_are_visible() {
    String flow = fixtures.studioFlow();

    WebChannel channel =
        WebChannel.creator(flow, "tj-visitor", "Ann Visitor", "Flex WebChat")
            .setChatUniqueName("tj-chat")
            .setPreEngagementData("{\"question\":\"Where is my order?\"}")
            .create(twilio());

    assertThat(channel.getSid()).startsWith("CH");
    assertThat(channel.getFlexFlowSid()).isEqualTo(flow);
    assertThat(channel.getAccountSid()).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(channel.getUrl().toString()).endsWith("/v1/WebChannels/" + channel.getSid());
    assertThat(channel.getDateCreated()).isNotNull();
    Conversation conversation = Conversation.fetcher(channel.getSid()).fetch(twilio());
    assertThat(conversation.getFriendlyName()).isEqualTo("Flex WebChat");
    assertThat(conversation.getUniqueName()).isEqualTo("tj-chat");
    assertThat(conversation.getAttributes()).contains("\"question\":\"Where is my order?\"");
    assertThat(User.fetcher("tj-visitor").fetch(twilio()).getFriendlyName())
        .isEqualTo("Ann Visitor");
    List<String> identities = new ArrayList<>();
    Participant.reader(channel.getSid())
        .read(twilio())
        .forEach(p -> identities.add(p.getIdentity()));
    assertThat(identities).containsExactly("tj-visitor");
  }

  @Test
  void fetches_a_web_channel() {
    WebChannel created = open(fixtures.studioFlow(), "tj-fetch");

    WebChannel fetched = WebChannel.fetcher(created.getSid()).fetch(twilio());

    assertThat(fetched.getSid()).isEqualTo(created.getSid());
    assertThat(fetched.getFlexFlowSid()).isEqualTo(created.getFlexFlowSid());
    assertThat(fetched.getDateCreated()).isEqualTo(created.getDateCreated());
  }

  @Test
  void ends_a_chat_and_keeps_its_post_engagement_data() {
    WebChannel created = open(fixtures.externalFlow(), "tj-end");

    WebChannel updated =
        WebChannel.updater(created.getSid())
            .setChatStatus(WebChannel.ChatStatus.INACTIVE)
            .setPostEngagementData("{\"rating\":4}")
            .update(twilio());

    assertThat(updated.getSid()).isEqualTo(created.getSid());
    Conversation conversation = Conversation.fetcher(created.getSid()).fetch(twilio());
    assertThat(conversation.getState()).isEqualTo(Conversation.State.INACTIVE);
    assertThat(conversation.getAttributes())
        .contains("\"status\":\"INACTIVE\"")
        .contains("\"post_engagement_data\":{\"rating\":4}");
  }

  @Test
  void deletes_a_web_channel_and_its_conversation() {
    WebChannel created = open(fixtures.taskFlow(), "tj-delete");

    boolean deleted = WebChannel.deleter(created.getSid()).delete(twilio());

    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> WebChannel.fetcher(created.getSid()).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> Conversation.fetcher(created.getSid()).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(404));
  }

  @Test
  void reads_every_page_of_web_channels() {
    String flow = fixtures.studioFlow();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(open(flow, "tj-page-" + i).getSid());
    }

    List<String> seen = new ArrayList<>();
    WebChannel.reader().pageSize(3).read(twilio()).forEach(w -> seen.add(w.getSid()));

    assertThat(seen).containsSubsequence(created);
  }

  @Test
  void reports_an_unknown_flex_flow_as_404() {
    assertThatThrownBy(() -> open("FO00000000000000000000000000000009", "tj-lost"))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(404));
  }

  @Test
  void reports_pre_engagement_data_that_is_not_json_as_45745() {
    String flow = fixtures.studioFlow();

    assertThatThrownBy(
            () ->
                WebChannel.creator(flow, "tj-bad", "Ann", "Chat")
                    .setPreEngagementData("not json")
                    .create(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(45745));
  }
}
