package dev.parley.app;

import static dev.parley.http.Access.ACCOUNT_BASIC;

import dev.parley.api.conversations.AddressConfigurationsApi;
import dev.parley.api.conversations.ConfigurationApi;
import dev.parley.api.conversations.ConversationWebhooksApi;
import dev.parley.api.conversations.ConversationWithParticipantsApi;
import dev.parley.api.conversations.ConversationsApi;
import dev.parley.api.conversations.DeliveryReceiptsApi;
import dev.parley.api.conversations.MessagesApi;
import dev.parley.api.conversations.ParticipantConversationsApi;
import dev.parley.api.conversations.ParticipantsApi;
import dev.parley.api.conversations.RolesApi;
import dev.parley.api.conversations.ScopedPaths;
import dev.parley.api.conversations.ServiceConfigurationApi;
import dev.parley.api.conversations.ServicesApi;
import dev.parley.api.conversations.UserConversationsApi;
import dev.parley.api.conversations.UsersApi;
import dev.parley.http.PublicUrl;
import dev.parley.http.RouteTable;

/**
 * The Conversations v1 part of the route table ({@link Routes}), all with account credentials. A
 * resource under {@code scoped} is declared twice: at {@code /v1/...} on the account's default
 * service and at {@code /v1/Services/:ChatServiceSid/...}.
 */
final class ConversationsRoutes {
  private ConversationsRoutes() {}

  static void declare(RouteTable table, Wiring wiring, PublicUrl base) {
    ScopedPaths paths = new ScopedPaths(wiring.directory());
    RouteTable scoped = table.under(ScopedPaths.PREFIXES);

    var conversations = new ConversationsApi(wiring.conversations(), paths, base);
    var withParticipants =
        new ConversationWithParticipantsApi(wiring.conversationsWithParticipants(), paths, base);
    scoped
        .post("/Conversations", ACCOUNT_BASIC, conversations::create)
        .get("/Conversations", ACCOUNT_BASIC, conversations::list)
        .get("/Conversations/:Sid", ACCOUNT_BASIC, conversations::fetch)
        .post("/Conversations/:Sid", ACCOUNT_BASIC, conversations::update)
        .delete("/Conversations/:Sid", ACCOUNT_BASIC, conversations::delete)
        .post("/ConversationWithParticipants", ACCOUNT_BASIC, withParticipants::create);

    var participants = new ParticipantsApi(wiring.participants(), paths, base);
    String participant = "/Conversations/:ConversationSid/Participants/:Sid";
    scoped
        .post("/Conversations/:ConversationSid/Participants", ACCOUNT_BASIC, participants::create)
        .get("/Conversations/:ConversationSid/Participants", ACCOUNT_BASIC, participants::list)
        .get(participant, ACCOUNT_BASIC, participants::fetch)
        .post(participant, ACCOUNT_BASIC, participants::update)
        .delete(participant, ACCOUNT_BASIC, participants::delete);

    var messages = new MessagesApi(wiring.messages(), paths, base);
    var receipts = new DeliveryReceiptsApi(wiring.deliveryReceipts(), paths, base);
    String message = "/Conversations/:ConversationSid/Messages/:Sid";
    String receiptList = "/Conversations/:ConversationSid/Messages/:MessageSid/Receipts";
    scoped
        .post("/Conversations/:ConversationSid/Messages", ACCOUNT_BASIC, messages::create)
        .get("/Conversations/:ConversationSid/Messages", ACCOUNT_BASIC, messages::list)
        .get(message, ACCOUNT_BASIC, messages::fetch)
        .post(message, ACCOUNT_BASIC, messages::update)
        .delete(message, ACCOUNT_BASIC, messages::delete)
        .get(receiptList, ACCOUNT_BASIC, receipts::list)
        .get(receiptList + "/:Sid", ACCOUNT_BASIC, receipts::fetch);

    var webhooks = new ConversationWebhooksApi(wiring.conversationWebhooks(), paths, base);
    String webhook = "/Conversations/:ConversationSid/Webhooks/:Sid";
    scoped
        .post("/Conversations/:ConversationSid/Webhooks", ACCOUNT_BASIC, webhooks::create)
        .get("/Conversations/:ConversationSid/Webhooks", ACCOUNT_BASIC, webhooks::list)
        .get(webhook, ACCOUNT_BASIC, webhooks::fetch)
        .post(webhook, ACCOUNT_BASIC, webhooks::update)
        .delete(webhook, ACCOUNT_BASIC, webhooks::delete);

    var users = new UsersApi(wiring.users(), paths, base);
    var userConversations = new UserConversationsApi(wiring.memberships(), paths, base);
    var participantConversations =
        new ParticipantConversationsApi(wiring.memberships(), paths, base);
    String membership = "/Users/:UserSid/Conversations/:ConversationSid";
    scoped
        .post("/Users", ACCOUNT_BASIC, users::create)
        .get("/Users", ACCOUNT_BASIC, users::list)
        .get("/Users/:Sid", ACCOUNT_BASIC, users::fetch)
        .post("/Users/:Sid", ACCOUNT_BASIC, users::update)
        .delete("/Users/:Sid", ACCOUNT_BASIC, users::delete)
        .get("/Users/:UserSid/Conversations", ACCOUNT_BASIC, userConversations::list)
        .get(membership, ACCOUNT_BASIC, userConversations::fetch)
        .post(membership, ACCOUNT_BASIC, userConversations::update)
        .delete(membership, ACCOUNT_BASIC, userConversations::delete)
        .get("/ParticipantConversations", ACCOUNT_BASIC, participantConversations::list);

    var roles = new RolesApi(wiring.roles(), paths, base);
    scoped
        .post("/Roles", ACCOUNT_BASIC, roles::create)
        .get("/Roles", ACCOUNT_BASIC, roles::list)
        .get("/Roles/:Sid", ACCOUNT_BASIC, roles::fetch)
        .post("/Roles/:Sid", ACCOUNT_BASIC, roles::update)
        .delete("/Roles/:Sid", ACCOUNT_BASIC, roles::delete);

    // Account-wide, with no service-scoped twin.
    var servicesApi = new ServicesApi(wiring.directory(), base);
    var configuration = new ConfigurationApi(wiring.configuration(), base);
    var serviceConfiguration =
        new ServiceConfigurationApi(wiring.serviceConfiguration(), paths, base);
    var addresses = new AddressConfigurationsApi(wiring.addresses(), base);
    String serviceConfig = "/v1/Services/:ChatServiceSid/Configuration";
    table
        .post("/v1/Services", ACCOUNT_BASIC, servicesApi::create)
        .get("/v1/Services", ACCOUNT_BASIC, servicesApi::list)
        .get("/v1/Services/:Sid", ACCOUNT_BASIC, servicesApi::fetch)
        .delete("/v1/Services/:Sid", ACCOUNT_BASIC, servicesApi::delete)
        .get(serviceConfig, ACCOUNT_BASIC, serviceConfiguration::fetch)
        .post(serviceConfig, ACCOUNT_BASIC, serviceConfiguration::update)
        .get(serviceConfig + "/Webhooks", ACCOUNT_BASIC, serviceConfiguration::fetchWebhooks)
        .post(serviceConfig + "/Webhooks", ACCOUNT_BASIC, serviceConfiguration::updateWebhooks)
        .get(
            serviceConfig + "/Notifications",
            ACCOUNT_BASIC,
            serviceConfiguration::fetchNotifications)
        .post(
            serviceConfig + "/Notifications",
            ACCOUNT_BASIC,
            serviceConfiguration::updateNotifications)
        .get("/v1/Configuration", ACCOUNT_BASIC, configuration::fetch)
        .post("/v1/Configuration", ACCOUNT_BASIC, configuration::update)
        .get("/v1/Configuration/Webhooks", ACCOUNT_BASIC, configuration::fetchWebhooks)
        .post("/v1/Configuration/Webhooks", ACCOUNT_BASIC, configuration::updateWebhooks)
        .post("/v1/Configuration/Addresses", ACCOUNT_BASIC, addresses::create)
        .get("/v1/Configuration/Addresses", ACCOUNT_BASIC, addresses::list)
        .get("/v1/Configuration/Addresses/:Sid", ACCOUNT_BASIC, addresses::fetch)
        .post("/v1/Configuration/Addresses/:Sid", ACCOUNT_BASIC, addresses::update)
        .delete("/v1/Configuration/Addresses/:Sid", ACCOUNT_BASIC, addresses::delete);
  }
}
