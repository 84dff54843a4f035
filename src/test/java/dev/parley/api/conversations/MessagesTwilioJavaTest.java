package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages and delivery receipts driven by Twilio's unmodified Java helper library. */
class MessagesTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  private String conversation() {
    return Conversation.creator().create(twilio()).getSid();
  }

  @Test
  void creates_and_fetches_a_message() {
    String conversation = conversation();
    Message created =
        Message.creator(conversation)
            .setAuthor("alice")
            .setBody("Hello")
            .setAttributes("{\"importance\":\"high\"}")
            .create(twilio());

    Message fetched = Message.fetcher(conversation, created.getSid()).fetch(twilio());

    assertThat(fetched.getBody()).isEqualTo("Hello");
    assertThat(fetched.getAuthor()).isEqualTo("alice");
    assertThat(fetched.getAttributes()).isEqualTo("{\"importance\":\"high\"}");
    assertThat(fetched.getIndex()).isZero();
    assertThat(fetched.getDateUpdated()).isNull();
    assertThat(fetched.getLinks()).containsKeys("delivery_receipts", "channel_metadata");
  }

  @Test
  void updates_a_message() {
    String conversation = conversation();
    Message created = Message.creator(conversation).setBody("helo").create(twilio());
    ZonedDateTime edited = ZonedDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    Message updated =
        Message.updater(conversation, created.getSid())
            .setBody("hello")
            .setDateUpdated(edited)
            .update(twilio());

    assertThat(updated.getBody()).isEqualTo("hello");
    assertThat(updated.getDateUpdated()).isEqualTo(edited);
  }

  @Test
  void deletes_a_message() {
    String conversation = conversation();
    Message created = Message.creator(conversation).setBody("bye").create(twilio());

    boolean deleted = Message.deleter(conversation, created.getSid()).delete(twilio());

    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> Message.fetcher(conversation, created.getSid()).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(404));
  }

  @Test
  void reads_every_page_newest_first() {
    String conversation = conversation();
    for (int i = 0; i < 7; i++) {
      Message.creator(conversation).setBody("m" + i).create(twilio());
    }

    ResourceSet<Message> all =
        Message.reader(conversation).setOrder(Message.OrderType.DESC).pageSize(3).read(twilio());
    List<Integer> seen = new ArrayList<>();
    all.forEach(m -> seen.add(m.getIndex()));

    assertThat(seen).containsExactly(6, 5, 4, 3, 2, 1, 0);
    assertThat(all.getPageSize()).isEqualTo(3);
  }

  @Test
  void posts_through_the_service_scoped_twin() {
    Conversation conversation = Conversation.creator().create(twilio());

    var message =
        com.twilio.rest.conversations.v1.service.conversation.Message.creator(
                conversation.getChatServiceSid(), conversation.getSid())
            .setBody("scoped")
            .create(twilio());

    assertThat(message.getChatServiceSid()).isEqualTo(conversation.getChatServiceSid());
    assertThat(message.getIndex()).isZero();
  }

  @Test
  void reports_50377_for_a_closed_conversation() {
    String conversation =
        Conversation.creator().setState(Conversation.State.CLOSED).create(twilio()).getSid();

    assertThatThrownBy(() -> Message.creator(conversation).setBody("late").create(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(50377));
  }

  @Test
  void reads_no_delivery_receipts_for_a_chat_message() {
    String conversation = conversation();
    Message message = Message.creator(conversation).setBody("hi").create(twilio());

    ResourceSet<DeliveryReceipt> receipts =
        DeliveryReceipt.reader(conversation, message.getSid()).read(twilio());

    assertThat(receipts).isEmpty();
  }

  @Test
  void fetches_a_recorded_delivery_receipt() {
    Conversation conversation = Conversation.creator().create(twilio());
    Message message = Message.creator(conversation.getSid()).setBody("hi").create(twilio());
    String sid =
        new DirectRows(server)
            .receipt(
                ParleyServer.ACCOUNT_SID,
                conversation.getChatServiceSid(),
                conversation.getSid(),
                message.getSid(),
                "delivered");

    DeliveryReceipt receipt =
        DeliveryReceipt.fetcher(conversation.getSid(), message.getSid(), sid).fetch(twilio());

    assertThat(receipt.getStatus()).isEqualTo(DeliveryReceipt.DeliveryStatus.DELIVERED);
    assertThat(receipt.getMessageSid()).isEqualTo(message.getSid());
  }
}
