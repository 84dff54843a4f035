package dev.parley.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.json.Json;
import java.util.Locale;

/**
 * How a non-SDK participant exchanges messages: its own {@code address} (a phone, WhatsApp or
 * e-mail address), the Twilio {@code proxyAddress} it talks to, and, for a Group MMS chat
 * participant, the {@code projectedAddress} it appears as. Stored and returned as Twilio's {@code
 * messaging_binding} object, whose {@code type} follows from the address scheme.
 */
public record MessagingBinding(String address, String proxyAddress, String projectedAddress) {
  private static final ObjectMapper JSON = Json.MAPPER;

  public boolean isEmpty() {
    return address == null && proxyAddress == null && projectedAddress == null;
  }

  /**
   * {@code whatsapp}, {@code messenger}, {@code rcs}, {@code email} or (the default) {@code sms}.
   */
  public String type() {
    String sample = address != null ? address : proxyAddress;
    if (sample == null) {
      return "sms";
    }
    String lower = sample.toLowerCase(Locale.ROOT);
    for (String scheme : new String[] {"whatsapp", "messenger", "rcs"}) {
      if (lower.startsWith(scheme + ":")) {
        return scheme;
      }
    }
    return lower.contains("@") ? "email" : "sms";
  }

  /** The wire object, with only the addresses that are set (as in Twilio's examples). */
  public String json() {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", type());
    if (address != null) {
      node.put("address", address);
    }
    if (proxyAddress != null) {
      node.put("proxy_address", proxyAddress);
    }
    if (projectedAddress != null) {
      node.put("projected_address", projectedAddress);
    }
    return node.toString();
  }

  /** The binding stored as {@code json}; an empty binding for null. */
  public static MessagingBinding parse(String json) {
    if (json == null) {
      return new MessagingBinding(null, null, null);
    }
    try {
      JsonNode node = JSON.readTree(json);
      return new MessagingBinding(
          text(node, "address"), text(node, "proxy_address"), text(node, "projected_address"));
    } catch (Exception e) {
      throw new IllegalStateException("stored messaging binding is not JSON", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
