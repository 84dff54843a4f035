package dev.parley.webchat;

import static dev.parley.conversation.Changes.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.json.Json;

/**
 * A Flex Flow's integration: a Studio flow, an external webhook, or a TaskRouter task. Rendered
 * with only the fields that are set, as Twilio's {@code integration} object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlexIntegration(
    String flowSid,
    String url,
    String workspaceSid,
    String workflowSid,
    String channel,
    Integer timeout,
    Integer priority,
    Boolean creationOnMessage,
    Integer retryCount) {

  private static final ObjectMapper JSON = Json.MAPPER;

  public static final FlexIntegration NONE =
      new FlexIntegration(null, null, null, null, null, null, null, null, null);

  /** This integration with every field that {@code changes} sets replaced. */
  public FlexIntegration with(FlexIntegration changes) {
    return new FlexIntegration(
        or(changes.flowSid, flowSid),
        or(changes.url, url),
        or(changes.workspaceSid, workspaceSid),
        or(changes.workflowSid, workflowSid),
        or(changes.channel, channel),
        or(changes.timeout, timeout),
        or(changes.priority, priority),
        or(changes.creationOnMessage, creationOnMessage),
        or(changes.retryCount, retryCount));
  }

  String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static FlexIntegration parse(String json) {
    try {
      return JSON.readValue(json, FlexIntegration.class);
    } catch (Exception e) {
      throw new IllegalStateException("stored integration is not JSON", e);
    }
  }
}
