package dev.parley.conversation;

import java.util.List;

/**
 * The {@code AutoCreation.*} settings of an address configuration as sent. Null fields are left as
 * they are (on create: unset).
 */
public record AutoCreationChanges(
    Boolean enabled,
    AutoCreationType type,
    String conversationServiceSid,
    String webhookUrl,
    WebhookMethod webhookMethod,
    List<String> webhookFilters,
    String studioFlowSid,
    Integer studioRetryCount) {

  public static final AutoCreationChanges NONE =
      new AutoCreationChanges(null, null, null, null, null, null, null, null);
}
