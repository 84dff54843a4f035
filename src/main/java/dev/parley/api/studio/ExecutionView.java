package dev.parley.api.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.PublicUrl;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioStepRecord;
import dev.parley.studio.StudioJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire forms of an execution, its context, a step and a step's context ({@code
 * studio.v2.flow.execution…}).
 */
final class ExecutionView {
  private ExecutionView() {}

  record Execution(
      String sid,
      String accountSid,
      String flowSid,
      String contactChannelAddress,
      JsonNode context,
      String status,
      Instant dateCreated,
      Instant dateUpdated,
      String url,
      Map<String, String> links) {}

  record Context(
      String accountSid, JsonNode context, String flowSid, String executionSid, String url) {}

  record Step(
      String sid,
      String accountSid,
      String flowSid,
      String executionSid,
      String parentStepSid,
      String name,
      JsonNode context,
      String transitionedFrom,
      String transitionedTo,
      Instant dateCreated,
      Instant dateUpdated,
      String url,
      Map<String, String> links) {}

  record StepContext(
      String accountSid,
      JsonNode context,
      String executionSid,
      String flowSid,
      String stepSid,
      String url) {}

  static String url(PublicUrl base, String flowSid, String executionSid) {
    return base.of("/v2/Flows/" + flowSid + "/Executions/" + executionSid);
  }

  static Execution of(StudioExecutionRecord e, PublicUrl base) {
    String url = url(base, e.flowSid(), e.sid());
    Map<String, String> links = new LinkedHashMap<>();
    links.put("steps", url + "/Steps");
    links.put("execution_context", url + "/Context");
    return new Execution(
        e.sid(),
        e.accountSid(),
        e.flowSid(),
        e.contactChannelAddress(),
        StudioJson.read(e.context()),
        e.status(),
        e.dateCreated(),
        e.dateUpdated(),
        url,
        links);
  }

  static Context context(StudioExecutionRecord e, PublicUrl base) {
    return new Context(
        e.accountSid(),
        StudioJson.read(e.context()),
        e.flowSid(),
        e.sid(),
        url(base, e.flowSid(), e.sid()) + "/Context");
  }

  static Step of(StudioStepRecord s, String accountSid, String flowSid, PublicUrl base) {
    String url = url(base, flowSid, s.executionSid()) + "/Steps/" + s.sid();
    return new Step(
        s.sid(),
        accountSid,
        flowSid,
        s.executionSid(),
        s.parentStepSid(),
        s.name(),
        StudioJson.read(s.context()),
        s.transitionedFrom(),
        s.transitionedTo(),
        s.dateCreated(),
        s.dateUpdated(),
        url,
        Map.of("step_context", url + "/Context"));
  }

  static StepContext context(
      StudioStepRecord s, String accountSid, String flowSid, PublicUrl base) {
    return new StepContext(
        accountSid,
        StudioJson.read(s.context()),
        s.executionSid(),
        flowSid,
        s.sid(),
        url(base, flowSid, s.executionSid()) + "/Steps/" + s.sid() + "/Context");
  }
}
