package dev.parley.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.json.Json;
import dev.parley.json.JsonInput;
import java.nio.charset.StandardCharsets;

/**
 * The JSON a web chat's visitor brings in ({@code PreEngagementData}) or leaves with ({@code
 * PostEngagementData}). Twilio caps pre-engagement data at 16 KB (error 45731) and answers 45745
 * for a value that is not JSON; the same cap keeps post-engagement data from bloating the
 * conversation's attributes. A blank value counts as not sent, as browsers post empty fields.
 */
public final class EngagementData {
  public static final int MAX_BYTES = 16 * 1024;
  private static final ObjectMapper JSON = Json.MAPPER;

  private EngagementData() {}

  /** {@code PreEngagementData} parsed; an empty object when not sent. */
  public static JsonNode pre(String text) {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new ApiException(TwilioError.PRE_ENGAGEMENT_TOO_LARGE);
    }
    return parse("PreEngagementData", text);
  }

  /** {@code PostEngagementData} parsed; null when not sent. */
  public static JsonNode post(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw ApiException.invalid("PostEngagementData", "must be at most 16 KB");
    }
    return parse("PostEngagementData", text);
  }

  private static JsonNode parse(String name, String text) {
    String problem = JsonInput.problem(text);
    if (problem != null) {
      throw new ApiException(TwilioError.WEBCHAT_INVALID_PARAMETER, name + " " + problem);
    }
    try {
      return JsonInput.parse(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("checked just above", e);
    }
  }
}
