package dev.parley.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedSidsTest {
  private final RandomSids sids = new RandomSids();

  @Test
  void a_service_sid_cannot_stand_for_an_account() {
    String service = sids.next(SidPrefix.SERVICE);

    assertThatThrownBy(() -> new AccountSid(service)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_account_sid_cannot_stand_for_a_service() {
    String account = sids.next(SidPrefix.ACCOUNT);

    assertThatThrownBy(() -> new ServiceSid(account)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_typed_sid_prints_as_the_sid() {
    String account = sids.next(SidPrefix.ACCOUNT);

    assertThat("account=" + new AccountSid(account)).isEqualTo("account=" + account);
  }

  @Test
  void a_typed_sid_renders_as_the_bare_sid_in_json() throws Exception {
    String service = sids.next(SidPrefix.SERVICE);

    String json = Json.MAPPER.writeValueAsString(Map.of("service_sid", new ServiceSid(service)));

    assertThat(json).isEqualTo("{\"service_sid\":\"" + service + "\"}");
  }

  @Test
  void absent_stays_absent() {
    assertThat(AccountSid.of(null)).isNull();
    assertThat(ServiceSid.of(null)).isNull();
  }

  @Test
  void a_conversation_path_names_a_sid_or_a_unique_name() {
    String sid = sids.next(SidPrefix.CONVERSATION);

    assertThat(ConversationRef.of(sid)).isEqualTo(new ConversationSid(sid));
    assertThat(ConversationRef.of("support-42"))
        .isEqualTo(new ConversationRef.UniqueName("support-42"));
  }

  @Test
  void a_unique_name_shaped_like_a_sid_of_another_kind_stays_a_name() {
    String user = sids.next(SidPrefix.USER);

    assertThat(ConversationRef.of(user)).isInstanceOf(ConversationRef.UniqueName.class);
    assertThat(ConversationRef.of(user).value()).isEqualTo(user);
  }

  @Test
  void a_participant_or_user_path_names_a_sid_or_an_identity() {
    String participant = sids.next(SidPrefix.PARTICIPANT);
    String user = sids.next(SidPrefix.USER);

    assertThat(ParticipantRef.of(participant)).isEqualTo(new ParticipantSid(participant));
    assertThat(ParticipantRef.of("alice")).isEqualTo(new ParticipantRef.Identity("alice"));
    assertThat(UserRef.of(user)).isEqualTo(new UserSid(user));
    assertThat(UserRef.of("alice")).isEqualTo(new UserRef.Identity("alice"));
  }

  @Test
  void a_conversation_sid_must_be_well_formed() {
    assertThatThrownBy(() -> new ConversationSid("CH123"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageSid("IM" + "z".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_message_sid_cannot_stand_for_a_participant() {
    String message = sids.next(SidPrefix.MESSAGE);

    assertThatThrownBy(() -> new ParticipantSid(message))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
