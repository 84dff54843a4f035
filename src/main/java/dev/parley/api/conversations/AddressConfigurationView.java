package dev.parley.api.conversations;

import dev.parley.conversation.JsonLists;
import dev.parley.http.PublicUrl;
import dev.parley.store.AddressRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of an address configuration ({@code conversations.v1.configuration_address}). */
public record AddressConfigurationView(
    String accountSid,
    String sid,
    String address,
    String type,
    String friendlyName,
    String addressCountry,
    Map<String, Object> autoCreation,
    Instant dateCreated,
    Instant dateUpdated,
    String url) {

  static AddressConfigurationView of(AddressRecord a, PublicUrl base) {
    return new AddressConfigurationView(
        a.accountSid(),
        a.sid(),
        a.address(),
        a.type(),
        a.friendlyName(),
        a.addressCountry(),
        autoCreation(a),
        a.dateCreated(),
        a.dateUpdated(),
        base.of("/v1/Configuration/Addresses/" + a.sid()));
  }

  /**
   * Only the keys of the auto-creation type, as Twilio's examples show them: {@code webhook} adds
   * the service and webhook settings, {@code studio} the service and flow, {@code default} nothing.
   */
  static Map<String, Object> autoCreation(AddressRecord a) {
    Map<String, Object> auto = new LinkedHashMap<>();
    auto.put("enabled", a.autoCreationEnabled());
    if (a.autoCreationType() == null) {
      return auto;
    }
    auto.put("type", a.autoCreationType());
    switch (a.autoCreationType()) {
      case "webhook" -> {
        auto.put("conversation_service_sid", a.autoCreationServiceSid());
        auto.put("webhook_url", a.webhookUrl());
        auto.put("webhook_method", a.webhookMethod());
        auto.put("webhook_filters", JsonLists.read(a.webhookFilters()));
      }
      case "studio" -> {
        auto.put("conversation_service_sid", a.autoCreationServiceSid());
        auto.put("studio_flow_sid", a.studioFlowSid());
        auto.put("studio_retry_count", a.studioRetryCount());
      }
      default -> {}
    }
    return auto;
  }
}
