package dev.parley.api.conversations;

import dev.parley.http.PublicUrl;
import dev.parley.store.ConfigurationRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of {@code /v1/Configuration} ({@code conversations.v1.configuration}). */
public record ConfigurationView(
    String accountSid,
    String defaultChatServiceSid,
    String defaultMessagingServiceSid,
    String defaultInactiveTimer,
    String defaultClosedTimer,
    String url,
    Map<String, String> links) {

  static ConfigurationView of(ConfigurationRecord c, PublicUrl base) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("service", base.of("/v1/Services/" + c.defaultChatServiceSid() + "/Configuration"));
    links.put("webhooks", base.of("/v1/Configuration/Webhooks"));
    return new ConfigurationView(
        c.accountSid(),
        c.defaultChatServiceSid(),
        c.defaultMessagingServiceSid(),
        c.defaultInactiveTimer(),
        c.defaultClosedTimer(),
        base.of("/v1/Configuration"),
        links);
  }
}
