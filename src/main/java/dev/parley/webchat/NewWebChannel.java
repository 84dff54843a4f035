package dev.parley.webchat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request for a legacy Flex v1 web channel ({@code POST /v1/WebChannels}), checked at the edge:
 * {@code flexFlowSid} is an {@code FO…} SID, {@code preEngagementData} parsed JSON (an empty object
 * when not sent), {@code chatUniqueName} null when not sent.
 */
public record NewWebChannel(
    String flexFlowSid,
    String identity,
    String customerFriendlyName,
    String chatFriendlyName,
    String chatUniqueName,
    JsonNode preEngagementData) {}
