package dev.parley.conversation;

import dev.parley.error.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The permission names a role may hold, by role type, and the four roles every new Conversation
 * Service starts with.
 *
 * <p>The names are those of Twilio's Conversations role permissions
 * (https://www.twilio.com/docs/conversations/api/role-resource#permission-values). Most are valid
 * on both kinds of role; {@code sendMessage}, {@code sendMediaMessage}, {@code leaveConversation}
 * and {@code editNotificationLevel} only on conversation roles, {@code createConversation}, {@code
 * joinConversation}, {@code editOwnUserInfo} and {@code editAnyUserInfo} only on service roles (the
 * grouping terraform-provider-twilio validates against; Flex's own service "admin" role holds the
 * shared names too). The default roles keep the names a Conversations service is created with
 * ("channel admin", "channel user", "service admin", "service user", inherited from Programmable
 * Chat); their permission lists are Programmable Chat's defaults renamed for conversations.
 */
public final class Permissions {
  private static final List<String> BOTH =
      List.of(
          "editOwnMessage",
          "editOwnMessageAttributes",
          "deleteOwnMessage",
          "editAnyMessage",
          "editAnyMessageAttributes",
          "deleteAnyMessage",
          "addParticipant",
          "addNonChatParticipant",
          "removeParticipant",
          "editConversationName",
          "editConversationAttributes",
          "editOwnParticipantAttributes",
          "editAnyParticipantAttributes",
          "deleteConversation");
  private static final Set<String> CONVERSATION =
      union(BOTH, "sendMessage", "sendMediaMessage", "leaveConversation", "editNotificationLevel");
  private static final Set<String> SERVICE =
      union(BOTH, "createConversation", "joinConversation", "editOwnUserInfo", "editAnyUserInfo");

  /** A role a new service is created with. */
  public record DefaultRole(String friendlyName, RoleType type, List<String> permissions) {}

  /** Given to whoever creates a conversation ({@code default_conversation_creator_role_sid}). */
  public static final DefaultRole CHANNEL_ADMIN =
      new DefaultRole(
          "channel admin",
          RoleType.CONVERSATION,
          List.of(
              "sendMessage",
              "sendMediaMessage",
              "leaveConversation",
              "editOwnMessage",
              "editOwnMessageAttributes",
              "deleteOwnMessage",
              "editAnyMessage",
              "editAnyMessageAttributes",
              "deleteAnyMessage",
              "addParticipant",
              "addNonChatParticipant",
              "removeParticipant",
              "editConversationName",
              "editConversationAttributes",
              "editOwnParticipantAttributes",
              "editAnyParticipantAttributes",
              "editNotificationLevel",
              "deleteConversation"));

  /** Given to every other participant ({@code default_conversation_role_sid}). */
  public static final DefaultRole CHANNEL_USER =
      new DefaultRole(
          "channel user",
          RoleType.CONVERSATION,
          List.of(
              "sendMessage",
              "sendMediaMessage",
              "leaveConversation",
              "editOwnMessage",
              "editOwnMessageAttributes",
              "deleteOwnMessage",
              "editOwnParticipantAttributes",
              "editNotificationLevel"));

  public static final DefaultRole SERVICE_ADMIN =
      new DefaultRole(
          "service admin",
          RoleType.SERVICE,
          List.of(
              "createConversation",
              "joinConversation",
              "deleteConversation",
              "editConversationName",
              "editConversationAttributes",
              "addParticipant",
              "addNonChatParticipant",
              "removeParticipant",
              "editAnyMessage",
              "editAnyMessageAttributes",
              "deleteAnyMessage",
              "editAnyParticipantAttributes",
              "editOwnUserInfo",
              "editAnyUserInfo"));

  /** Given to every user of the service ({@code default_chat_service_role_sid}). */
  public static final DefaultRole SERVICE_USER =
      new DefaultRole(
          "service user",
          RoleType.SERVICE,
          List.of("createConversation", "joinConversation", "editOwnUserInfo"));

  private Permissions() {}

  /** The names a role of {@code type} may hold. */
  public static Set<String> allowed(RoleType type) {
    return type == RoleType.CONVERSATION ? CONVERSATION : SERVICE;
  }

  /**
   * {@code requested} without repeats, in the order given; 400 naming {@code Permission} when it is
   * empty or holds a name {@code type} does not allow.
   */
  public static List<String> check(RoleType type, List<String> requested) {
    if (requested.isEmpty()) {
      throw ApiException.invalid("Permission", "at least one permission is required");
    }
    Set<String> allowed = allowed(type);
    for (String permission : requested) {
      if (!allowed.contains(permission)) {
        throw ApiException.invalid(
            "Permission", "'" + permission + "' is not a permission of a " + type.wire() + " role");
      }
    }
    return List.copyOf(new LinkedHashSet<>(requested));
  }

  private static Set<String> union(List<String> base, String... more) {
    Set<String> all = new LinkedHashSet<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }
}
