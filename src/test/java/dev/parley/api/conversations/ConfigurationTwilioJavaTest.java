package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Configuration;
import com.twilio.rest.conversations.v1.Role;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.configuration.Webhook;
import com.twilio.rest.conversations.v1.service.configuration.Notification;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Services, roles and configuration driven by Twilio's unmodified Java helper library. */
class ConfigurationTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  @Test
  void creates_fetches_lists_and_deletes_services() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(Service.creator("listed-" + i).create(twilio()).getSid());
    }

    Service fetched = Service.fetcher(created.get(0)).fetch(twilio());
    List<String> seen = new ArrayList<>();
    Service.reader().pageSize(2).read(twilio()).forEach(s -> seen.add(s.getSid()));
    boolean deleted = Service.deleter(created.get(2)).delete(twilio());

    assertThat(fetched.getFriendlyName()).isEqualTo("listed-0");
    assertThat(fetched.getLinks()).containsKey("roles");
    assertThat(seen).containsAll(created).doesNotHaveDuplicates();
    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> Service.fetcher(created.get(2)).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(404));
  }

  @Test
  void creates_fetches_updates_lists_and_deletes_roles() {
    Role created =
        Role.creator(
                "agent", Role.RoleType.CONVERSATION, List.of("sendMessage", "leaveConversation"))
            .create(twilio());

    Role updated =
        Role.updater(created.getSid(), List.of("sendMessage", "sendMediaMessage")).update(twilio());
    Role fetched = Role.fetcher(created.getSid()).fetch(twilio());
    List<String> names = new ArrayList<>();
    Role.reader().pageSize(2).read(twilio()).forEach(r -> names.add(r.getFriendlyName()));
    boolean deleted = Role.deleter(created.getSid()).delete(twilio());

    assertThat(created.getType()).isEqualTo(Role.RoleType.CONVERSATION);
    assertThat(updated.getPermissions()).containsExactly("sendMessage", "sendMediaMessage");
    assertThat(fetched.getPermissions()).containsExactly("sendMessage", "sendMediaMessage");
    assertThat(names)
        .containsExactly("channel admin", "channel user", "service admin", "service user", "agent");
    assertThat(deleted).isTrue();
  }

  @Test
  void creates_a_role_on_a_named_service() {
    String service = Service.creator("roles").create(twilio()).getSid();

    com.twilio.rest.conversations.v1.service.Role role =
        com.twilio.rest.conversations.v1.service.Role.creator(
                service,
                "moderator",
                com.twilio.rest.conversations.v1.service.Role.RoleType.SERVICE,
                List.of("createConversation", "editAnyUserInfo"))
            .create(twilio());

    assertThat(role.getChatServiceSid()).isEqualTo(service);
    assertThat(
            com.twilio.rest.conversations.v1.service.Role.fetcher(service, role.getSid())
                .fetch(twilio())
                .getFriendlyName())
        .isEqualTo("moderator");
  }

  @Test
  void fetches_and_updates_the_account_configuration() {
    Configuration before = Configuration.fetcher().fetch(twilio());

    Configuration updated =
        Configuration.updater()
            .setDefaultInactiveTimer("PT5M")
            .setDefaultClosedTimer("PT1H")
            .setDefaultMessagingServiceSid("MG00000000000000000000000000000001")
            .update(twilio());

    assertThat(before.getDefaultChatServiceSid()).startsWith("IS");
    assertThat(updated.getDefaultInactiveTimer()).isEqualTo("PT5M");
    assertThat(updated.getDefaultClosedTimer()).isEqualTo("PT1H");
    assertThat(updated.getLinks()).containsKeys("service", "webhooks");
  }

  @Test
  void fetches_and_updates_the_global_webhooks() {
    Webhook updated =
        Webhook.updater()
            .setPostWebhookUrl("https://example.com/post")
            .setMethod("GET")
            .setFilters(List.of("onMessageAdded", "onUserAdded"))
            .setTarget(Webhook.Target.WEBHOOK)
            .update(twilio());

    Webhook fetched = Webhook.fetcher().fetch(twilio());

    assertThat(updated.getMethod()).isEqualTo(Webhook.Method.GET);
    assertThat(fetched.getPostWebhookUrl()).isEqualTo("https://example.com/post");
    assertThat(fetched.getFilters()).containsExactly("onMessageAdded", "onUserAdded");
    assertThat(fetched.getTarget()).isEqualTo(Webhook.Target.WEBHOOK);
  }

  @Test
  void fetches_and_updates_a_services_configuration() {
    String service = Service.creator("configured").create(twilio()).getSid();

    com.twilio.rest.conversations.v1.service.Configuration updated =
        com.twilio.rest.conversations.v1.service.Configuration.updater(service)
            .setReachabilityEnabled(true)
            .update(twilio());
    com.twilio.rest.conversations.v1.service.Configuration fetched =
        com.twilio.rest.conversations.v1.service.Configuration.fetcher(service).fetch(twilio());

    assertThat(updated.getReachabilityEnabled()).isTrue();
    assertThat(fetched.getDefaultConversationRoleSid()).startsWith("RL");
    assertThat(fetched.getLinks()).containsKeys("notifications", "webhooks");
  }

  @Test
  void updates_and_fetches_a_services_webhooks() {
    String service = Service.creator("hooked").create(twilio()).getSid();

    com.twilio.rest.conversations.v1.service.configuration.Webhook.updater(service)
        .setPreWebhookUrl("https://example.com/pre")
        .setFilters(List.of("onMessageAdd"))
        .setMethod("POST")
        .update(twilio());
    var fetched =
        com.twilio.rest.conversations.v1.service.configuration.Webhook.fetcher(service)
            .fetch(twilio());

    assertThat(fetched.getPreWebhookUrl()).hasToString("https://example.com/pre");
    assertThat(fetched.getFilters()).containsExactly("onMessageAdd");
    assertThat(fetched.getMethod())
        .isEqualTo(com.twilio.rest.conversations.v1.service.configuration.Webhook.Method.POST);
  }

  @Test
  @SuppressWarnings("unchecked") // the library types the nested settings as Object
  void updates_and_fetches_a_services_notifications() {
    String service = Service.creator("notified").create(twilio()).getSid();

    Notification.updater(service)
        .setNewMessageEnabled(true)
        .setNewMessageTemplate("${MESSAGE}")
        .setLogEnabled(true)
        .update(twilio());
    Notification fetched = Notification.fetcher(service).fetch(twilio());

    assertThat(fetched.getLogEnabled()).isTrue();
    assertThat((Map<String, Object>) fetched.getNewMessage())
        .containsEntry("enabled", true)
        .containsEntry("template", "${MESSAGE}");
  }
}
