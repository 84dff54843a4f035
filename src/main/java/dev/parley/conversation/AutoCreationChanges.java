package dev.parley.conversation;

import java.util.List;

/**
 * The {@code AutoCreation.*} settings of an address configuration as sent. Null fields are left as
 * they are (on create: unset). {@code type} is {@code webhook}, {@code studio} or {@code default};
 * {@code webhookMethod} is upper-case.
 */
public record AutoCreationChanges(
    Boolean enabled,
    String type,
    String conversationServiceSid,
    String webhookUrl,
    String webhookMethod,
    List<String> webhookFilters,
    String studioFlowSid,
    Integer studioRetryCount) {

  public static final AutoCreationChanges NONE =
      new AutoCreationChanges(null, null, null, null, null, null, null, null);
}
