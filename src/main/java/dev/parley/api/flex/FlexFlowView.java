package dev.parley.api.flex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.PublicUrl;
import dev.parley.json.Json;
import dev.parley.store.FlexFlowRecord;
import java.time.Instant;

/** The wire form of a Flex Flow ({@code flex.v1.flex_flow}). */
record FlexFlowView(
    String accountSid,
    Instant dateCreated,
    Instant dateUpdated,
    String sid,
    String friendlyName,
    String chatServiceSid,
    String channelType,
    String contactIdentity,
    boolean enabled,
    String integrationType,
    JsonNode integration,
    boolean longLived,
    boolean janitorEnabled,
    String url) {

  static FlexFlowView of(FlexFlowRecord f, PublicUrl base) {
    try {
      return new FlexFlowView(
          f.accountSid(),
          f.dateCreated(),
          f.dateUpdated(),
          f.sid(),
          f.friendlyName(),
          f.chatServiceSid(),
          f.channelType(),
          f.contactIdentity(),
          f.enabled(),
          f.integrationType(),
          Json.MAPPER.readTree(f.integration()),
          f.longLived(),
          f.janitorEnabled(),
          base.of("/v1/FlexFlows/" + f.sid()));
    } catch (Exception e) {
      throw new IllegalStateException("stored integration is not JSON", e);
    }
  }
}
