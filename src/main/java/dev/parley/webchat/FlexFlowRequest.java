package dev.parley.webchat;

/**
 * A Flex Flow to create, or the changes to one (null = unchanged). {@code channelType} is one of
 * web, sms, facebook, whatsapp, line, custom; {@code integrationType} one of studio, external,
 * task.
 */
public record FlexFlowRequest(
    String friendlyName,
    String chatServiceSid,
    String channelType,
    String contactIdentity,
    Boolean enabled,
    String integrationType,
    FlexIntegration integration,
    Boolean longLived,
    Boolean janitorEnabled) {}
