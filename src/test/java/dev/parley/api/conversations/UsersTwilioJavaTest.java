package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.user.UserConversation;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users and their conversations driven by Twilio's unmodified Java helper library. */
class UsersTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  @Test
  void creates_and_fetches_a_user() {
    User created =
        User.creator("tj-ada").setFriendlyName("Ada").setAttributes("{\"a\":1}").create(twilio());

    User fetched = User.fetcher("tj-ada").fetch(twilio());

    assertThat(fetched.getSid()).isEqualTo(created.getSid());
    assertThat(fetched.getFriendlyName()).isEqualTo("Ada");
    assertThat(fetched.getAttributes()).isEqualTo("{\"a\":1}");
    assertThat(fetched.getIsOnline()).isNull();
  }

  @Test
  void updates_a_user() {
    User created = User.creator("tj-upd").create(twilio());

    User updated = User.updater(created.getSid()).setFriendlyName("New").update(twilio());

    assertThat(updated.getFriendlyName()).isEqualTo("New");
    assertThat(updated.getIdentity()).isEqualTo("tj-upd");
  }

  @Test
  void deletes_a_user() {
    User created = User.creator("tj-del").create(twilio());

    boolean deleted = User.deleter(created.getSid()).delete(twilio());

    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> User.fetcher(created.getSid()).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(404));
  }

  @Test
  void reports_a_taken_identity_as_409() {
    User.creator("tj-twice").create(twilio());

    assertThatThrownBy(() -> User.creator("tj-twice").create(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(50201));
  }

  @Test
  void reads_every_page_of_users() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(User.creator("tj-page-" + i).create(twilio()).getSid());
    }

    ResourceSet<User> all = User.reader().pageSize(3).read(twilio());
    List<String> seen = new ArrayList<>();
    all.forEach(u -> seen.add(u.getSid()));

    assertThat(seen).containsSubsequence(created);
  }

  @Test
  void creates_a_user_in_a_named_service() {
    String service = Conversation.creator().create(twilio()).getChatServiceSid();

    var user =
        com.twilio.rest.conversations.v1.service.User.creator(service, "tj-svc").create(twilio());

    assertThat(user.getChatServiceSid()).isEqualTo(service);
    assertThat(user.getUrl().toString()).contains("/v1/Services/" + service + "/Users/");
  }

  @Test
  void reads_updates_and_leaves_a_users_conversations() {
    User user = User.creator("tj-member").create(twilio());
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String conversation = Conversation.creator().create(twilio()).getSid();
      Participant.creator(conversation).setIdentity("tj-member").create(twilio());
      joined.add(conversation);
    }
    Message.creator(joined.get(0)).setBody("one").create(twilio());
    Message.creator(joined.get(0)).setBody("two").create(twilio());

    List<String> seen = new ArrayList<>();
    UserConversation.reader(user.getSid())
        .pageSize(2)
        .read(twilio())
        .forEach(c -> seen.add(c.getConversationSid()));
    UserConversation read =
        UserConversation.updater(user.getSid(), joined.get(0))
            .setNotificationLevel(UserConversation.NotificationLevel.MUTED)
            .setLastReadMessageIndex(0)
            .setLastReadTimestamp(ZonedDateTime.of(2021, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))
            .update(twilio());
    UserConversation fetched = UserConversation.fetcher("tj-member", joined.get(0)).fetch(twilio());
    boolean left = UserConversation.deleter(user.getSid(), joined.get(1)).delete(twilio());

    assertThat(seen).containsExactlyElementsOf(joined);
    assertThat(read.getNotificationLevel()).isEqualTo(UserConversation.NotificationLevel.MUTED);
    assertThat(read.getUnreadMessagesCount()).isEqualTo(1);
    assertThat(fetched.getLastReadMessageIndex()).isZero();
    assertThat(
            Participant.fetcher(joined.get(0), "tj-member").fetch(twilio()).getLastReadTimestamp())
        .as("twilio-java sends dates without an offset; they are UTC")
        .isEqualTo("2021-01-02T03:04:05Z");
    assertThat(left).isTrue();
    assertThat(Participant.reader(joined.get(1)).read(twilio())).isEmpty();
  }
}
