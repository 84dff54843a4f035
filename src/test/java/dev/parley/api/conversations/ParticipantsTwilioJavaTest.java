package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.ConversationWithParticipants;
import com.twilio.rest.conversations.v1.ParticipantConversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Participants, ParticipantConversations and ConversationWithParticipants through twilio-java. */
class ParticipantsTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  private String conversation() {
    return Conversation.creator().create(twilio()).getSid();
  }

  @Test
  void adds_and_fetches_a_chat_participant() {
    String conversation = conversation();
    Participant added =
        Participant.creator(conversation)
            .setIdentity("tj-alice")
            .setAttributes("{}")
            .create(twilio());

    Participant fetched = Participant.fetcher(conversation, "tj-alice").fetch(twilio());

    assertThat(fetched.getSid()).isEqualTo(added.getSid());
    assertThat(fetched.getMessagingBinding()).isNull();
    assertThat(fetched.getLastReadMessageIndex()).isNull();
  }

  @Test
  void adds_an_sms_participant() {
    String conversation = conversation();

    Participant added =
        Participant.creator(conversation)
            .setMessagingBindingAddress("+15551230000")
            .setMessagingBindingProxyAddress("+15559870000")
            .create(twilio());

    assertThat(added.getIdentity()).isNull();
    assertThat(added.getMessagingBinding())
        .isEqualTo(
            Map.of("type", "sms", "address", "+15551230000", "proxy_address", "+15559870000"));
  }

  @Test
  void updates_a_participant() {
    String conversation = conversation();
    Participant added = Participant.creator(conversation).setIdentity("tj-bob").create(twilio());

    Participant updated =
        Participant.updater(conversation, added.getSid())
            .setAttributes("{\"x\":true}")
            .setLastReadMessageIndex(3)
            .update(twilio());

    assertThat(updated.getAttributes()).isEqualTo("{\"x\":true}");
    assertThat(updated.getLastReadMessageIndex()).isEqualTo(3);
    assertThat(updated.getLastReadTimestamp()).isNotNull();
  }

  @Test
  void removes_a_participant() {
    String conversation = conversation();
    Participant added = Participant.creator(conversation).setIdentity("tj-gone").create(twilio());

    boolean deleted = Participant.deleter(conversation, added.getSid()).delete(twilio());

    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> Participant.fetcher(conversation, added.getSid()).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20404));
  }

  @Test
  void reports_a_duplicate_identity_as_50433() {
    String conversation = conversation();
    Participant.creator(conversation).setIdentity("tj-dup").create(twilio());

    assertThatThrownBy(
            () -> Participant.creator(conversation).setIdentity("tj-dup").create(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(50433));
  }

  @Test
  void reads_every_page_of_participants() {
    String conversation = conversation();
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      joined.add(
          Participant.creator(conversation).setIdentity("tj-p" + i).create(twilio()).getSid());
    }

    List<String> seen = new ArrayList<>();
    Participant.reader(conversation).pageSize(3).read(twilio()).forEach(p -> seen.add(p.getSid()));

    assertThat(seen).containsExactlyElementsOf(joined);
  }

  @Test
  void reads_every_page_of_an_identitys_conversations() {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String conversation = conversation();
      Participant.creator(conversation).setIdentity("tj-everywhere").create(twilio());
      joined.add(conversation);
    }

    List<String> seen = new ArrayList<>();
    ParticipantConversation.reader()
        .setIdentity("tj-everywhere")
        .pageSize(2)
        .read(twilio())
        .forEach(c -> seen.add(c.getConversationSid()));

    assertThat(seen).containsExactlyElementsOf(joined);
  }

  @Test
  void reads_the_conversations_of_an_address() {
    String conversation = conversation();
    Participant.creator(conversation)
        .setMessagingBindingAddress("+15557770000")
        .setMessagingBindingProxyAddress("+15559870001")
        .create(twilio());

    List<ParticipantConversation> found = new ArrayList<>();
    ParticipantConversation.reader().setAddress("+15557770000").read(twilio()).forEach(found::add);

    assertThat(found)
        .extracting(ParticipantConversation::getConversationSid)
        .containsExactly(conversation);
    assertThat(found.get(0).getParticipantUserSid()).isNull();
  }

  @Test
  void creates_a_conversation_with_participants() {
    ConversationWithParticipants created =
        ConversationWithParticipants.creator()
            .setFriendlyName("tj-group")
            .setParticipant(List.of("{\"identity\": \"tj-g1\"}", "{\"identity\": \"tj-g2\"}"))
            .create(twilio());

    List<String> identities = new ArrayList<>();
    Participant.reader(created.getSid())
        .read(twilio())
        .forEach(p -> identities.add(p.getIdentity()));

    assertThat(created.getFriendlyName()).isEqualTo("tj-group");
    assertThat(identities).containsExactly("tj-g1", "tj-g2");
  }

  @Test
  void reports_a_failed_participant_as_50427() {
    assertThatThrownBy(
            () ->
                ConversationWithParticipants.creator()
                    .setParticipant(List.of("{\"identity\": \"tj-x\"}", "{}"))
                    .create(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(50427));
  }
}
