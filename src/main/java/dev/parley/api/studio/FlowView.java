package dev.parley.api.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.PublicUrl;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioRevisionRecord;
import dev.parley.studio.Flow;
import dev.parley.studio.StudioJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire forms of a flow ({@code studio.v2.flow}) and of one revision ({@code flow_revision}).
 */
final class FlowView {
  private FlowView() {}

  record Full(
      String sid,
      String accountSid,
      String friendlyName,
      JsonNode definition,
      String status,
      int revision,
      String commitMessage,
      Boolean valid,
      JsonNode errors,
      JsonNode warnings,
      Instant dateCreated,
      Instant dateUpdated,
      // Twilio's webhooks.twilio.com URL starts a flow from an incoming SMS or call; Parley has
      // no such channels, so it has no URL to give (docs/studio.md).
      String webhookUrl,
      String url,
      Map<String, String> links) {}

  record Revision(
      String sid,
      String accountSid,
      String friendlyName,
      JsonNode definition,
      String status,
      int revision,
      String commitMessage,
      Boolean valid,
      JsonNode errors,
      Instant dateCreated,
      Instant dateUpdated,
      String url) {}

  static Full of(Flow f, PublicUrl base) {
    StudioFlowRecord flow = f.flow();
    StudioRevisionRecord latest = f.latest();
    String url = base.of("/v2/Flows/" + flow.sid());
    Map<String, String> links = new LinkedHashMap<>();
    links.put("test_users", url + "/TestUsers");
    links.put("revisions", url + "/Revisions");
    links.put("executions", url + "/Executions");
    return new Full(
        flow.sid(),
        flow.accountSid(),
        flow.friendlyName(),
        StudioJson.read(latest.definition()),
        flow.status(),
        flow.revision(),
        latest.commitMessage(),
        latest.valid(),
        StudioJson.read(latest.errors()),
        StudioJson.read(latest.warnings()),
        flow.dateCreated(),
        flow.dateUpdated(),
        null,
        url,
        links);
  }

  static Revision of(StudioRevisionRecord r, String accountSid, PublicUrl base) {
    return new Revision(
        r.flowSid(),
        accountSid,
        r.friendlyName(),
        StudioJson.read(r.definition()),
        r.status(),
        r.revision(),
        r.commitMessage(),
        r.valid(),
        StudioJson.read(r.errors()),
        r.dateCreated(),
        r.dateUpdated(),
        base.of("/v2/Flows/" + r.flowSid() + "/Revisions/" + r.revision()));
  }
}
