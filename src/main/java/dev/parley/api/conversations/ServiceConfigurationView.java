package dev.parley.api.conversations;

import dev.parley.http.PublicUrl;
import dev.parley.store.ServiceRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** A service's configuration ({@code conversations.v1.service.service_configuration}). */
public record ServiceConfigurationView(
    String chatServiceSid,
    String defaultConversationCreatorRoleSid,
    String defaultConversationRoleSid,
    String defaultChatServiceRoleSid,
    boolean reachabilityEnabled,
    String url,
    Map<String, String> links) {

  static ServiceConfigurationView of(ServiceRecord s, PublicUrl base) {
    String url = base.of("/v1/Services/" + s.sid() + "/Configuration");
    Map<String, String> links = new LinkedHashMap<>();
    links.put("notifications", url + "/Notifications");
    links.put("webhooks", url + "/Webhooks");
    return new ServiceConfigurationView(
        s.sid(),
        s.defaultConversationCreatorRoleSid(),
        s.defaultConversationRoleSid(),
        s.defaultChatServiceRoleSid(),
        s.reachabilityEnabled(),
        url,
        links);
  }
}
