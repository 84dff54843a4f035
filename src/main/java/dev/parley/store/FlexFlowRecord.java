package dev.parley.store;

import java.time.Instant;

/**
 * A legacy Flex Flow ({@code FO…}): how a Flex v1 channel reaches Flex. {@code integration} is the
 * JSON object Twilio renders for the flow's integration type.
 */
public record FlexFlowRecord(
    String sid,
    String accountSid,
    String friendlyName,
    String chatServiceSid,
    String channelType,
    String contactIdentity,
    boolean enabled,
    String integrationType,
    String integration,
    boolean longLived,
    boolean janitorEnabled,
    Instant dateCreated,
    Instant dateUpdated) {}
