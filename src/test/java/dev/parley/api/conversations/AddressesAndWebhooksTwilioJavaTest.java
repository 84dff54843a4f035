package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Address configurations and conversation webhooks driven by Twilio's Java helper library. */
class AddressesAndWebhooksTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  @Test
  @SuppressWarnings("unchecked") // the library types auto_creation as Object
  void creates_fetches_updates_and_deletes_an_address_configuration() {
    AddressConfiguration created =
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, "+15550001234")
            .setFriendlyName("Front desk")
            .setAutoCreationEnabled(true)
            .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
            .setAutoCreationWebhookUrl("https://example.com/auto")
            .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
            .setAutoCreationWebhookFilters(List.of("onMessageAdded"))
            .setAddressCountry("US")
            .create(twilio());

    AddressConfiguration updated =
        AddressConfiguration.updater(created.getSid())
            .setAutoCreationType(AddressConfiguration.AutoCreationType.STUDIO)
            .setAutoCreationStudioFlowSid("FW00000000000000000000000000000001")
            .setAutoCreationStudioRetryCount(2)
            .update(twilio());
    AddressConfiguration fetched = AddressConfiguration.fetcher("+15550001234").fetch(twilio());
    boolean deleted = AddressConfiguration.deleter(created.getSid()).delete(twilio());

    assertThat((Map<String, Object>) created.getAutoCreation())
        .containsEntry("webhook_method", "POST")
        .containsEntry("webhook_filters", List.of("onMessageAdded"));
    assertThat((Map<String, Object>) updated.getAutoCreation())
        .containsEntry("type", "studio")
        .containsEntry("studio_retry_count", 2);
    assertThat(fetched.getSid()).isEqualTo(created.getSid());
    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> AddressConfiguration.fetcher(created.getSid()).fetch(twilio()))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void lists_address_configurations_of_a_type_page_by_page() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(
          AddressConfiguration.creator(AddressConfiguration.Type.GBM, "gbm:" + i)
              .create(twilio())
              .getSid());
    }

    List<String> seen = new ArrayList<>();
    AddressConfiguration.reader()
        .setType("gbm")
        .pageSize(2)
        .read(twilio())
        .forEach(a -> seen.add(a.getSid()));

    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  @SuppressWarnings("unchecked") // the library types configuration as Object
  void creates_fetches_updates_lists_and_deletes_conversation_webhooks() {
    String conversation = Conversation.creator().create(twilio()).getSid();

    Webhook created =
        Webhook.creator(conversation, Webhook.Target.WEBHOOK)
            .setConfigurationUrl("https://example.com/hook")
            .setConfigurationMethod(Webhook.Method.GET)
            .setConfigurationFilters(List.of("onMessageAdded"))
            .create(twilio());
    Webhook studio =
        Webhook.creator(conversation, Webhook.Target.STUDIO)
            .setConfigurationFlowSid("FW00000000000000000000000000000001")
            .create(twilio());
    Webhook updated =
        Webhook.updater(conversation, created.getSid())
            .setConfigurationUrl("https://example.com/moved")
            .update(twilio());
    Webhook fetched = Webhook.fetcher(conversation, created.getSid()).fetch(twilio());
    List<String> seen = new ArrayList<>();
    Webhook.reader(conversation).pageSize(1).read(twilio()).forEach(w -> seen.add(w.getSid()));
    boolean deleted = Webhook.deleter(conversation, studio.getSid()).delete(twilio());

    assertThat((Map<String, Object>) created.getConfiguration())
        .containsEntry("method", "get")
        .containsEntry("filters", List.of("onMessageAdded"));
    assertThat((Map<String, Object>) studio.getConfiguration()).containsOnlyKeys("flow_sid");
    assertThat((Map<String, Object>) updated.getConfiguration())
        .containsEntry("url", "https://example.com/moved");
    assertThat(fetched.getTarget()).isEqualTo("webhook");
    assertThat(seen).containsExactly(created.getSid(), studio.getSid());
    assertThat(deleted).isTrue();
  }

  @Test
  void creates_a_webhook_on_a_conversation_of_a_named_service() {
    String service = Service.creator("hooks").create(twilio()).getSid();
    String conversation =
        com.twilio.rest.conversations.v1.service.Conversation.creator(service)
            .create(twilio())
            .getSid();

    var webhook =
        com.twilio.rest.conversations.v1.service.conversation.Webhook.creator(
                service,
                conversation,
                com.twilio.rest.conversations.v1.service.conversation.Webhook.Target.TRIGGER)
            .setConfigurationUrl("https://example.com/trigger")
            .setConfigurationTriggers(List.of("help"))
            .create(twilio());

    assertThat(webhook.getChatServiceSid()).isEqualTo(service);
    assertThat(webhook.getConversationSid()).isEqualTo(conversation);
  }
}
