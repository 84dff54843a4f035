package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conversations driven by Twilio's unmodified Java helper library. */
class ConversationsTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  @Test
  void creates_and_fetches_a_conversation() {
    Conversation created =
        Conversation.creator()
            .setFriendlyName("Support")
            .setAttributes("{\"topic\":\"billing\"}")
            .create(twilio());

    Conversation fetched = Conversation.fetcher(created.getSid()).fetch(twilio());

    assertThat(fetched.getFriendlyName()).isEqualTo("Support");
    assertThat(fetched.getAttributes()).isEqualTo("{\"topic\":\"billing\"}");
    assertThat(fetched.getState()).isEqualTo(Conversation.State.ACTIVE);
    assertThat(fetched.getChatServiceSid()).startsWith("IS");
  }

  @Test
  void updates_a_conversation() {
    Conversation created = Conversation.creator().create(twilio());

    Conversation updated =
        Conversation.updater(created.getSid())
            .setFriendlyName("Renamed")
            .setState(Conversation.State.INACTIVE)
            .update(twilio());

    assertThat(updated.getFriendlyName()).isEqualTo("Renamed");
    assertThat(updated.getState()).isEqualTo(Conversation.State.INACTIVE);
  }

  @Test
  void deletes_a_conversation() {
    Conversation created = Conversation.creator().create(twilio());

    boolean deleted = Conversation.deleter(created.getSid()).delete(twilio());

    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> Conversation.fetcher(created.getSid()).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20404));
  }

  @Test
  void reads_every_page_of_a_long_list() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      created.add(
          Conversation.creator().setState(Conversation.State.CLOSED).create(twilio()).getSid());
    }

    ResourceSet<Conversation> all =
        Conversation.reader().setState(Conversation.State.CLOSED).pageSize(5).read(twilio());
    List<String> seen = new ArrayList<>();
    all.forEach(c -> seen.add(c.getSid()));

    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(all.getPageSize()).isEqualTo(5);
  }
}
