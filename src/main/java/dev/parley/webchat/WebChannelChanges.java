package dev.parley.webchat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An update to a web channel ({@code POST /v1/WebChannels/{Sid}}): {@code inactive} when {@code
 * ChatStatus=inactive} was sent (its only value); {@code postEngagementData} parsed JSON or null.
 */
public record WebChannelChanges(boolean inactive, JsonNode postEngagementData) {
  boolean isEmpty() {
    return !inactive && postEngagementData == null;
  }
}
