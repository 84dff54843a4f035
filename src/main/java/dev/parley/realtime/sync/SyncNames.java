package dev.parley.realtime.sync;

import dev.parley.ids.SidPrefix;

/**
 * The unique names of the Sync objects behind conversations and users. The SDK only copies them
 * from what the server hands out; Parley reads them back to decide who may open an object.
 */
public final class SyncNames {
  static final String CONVERSATION = ".channel";
  static final String MESSAGES = ".messages";
  static final String ROSTER = ".roster";
  static final String USER_CONVERSATIONS = ".conversations";
  static final String USER_INFO = ".userInfo";

  private SyncNames() {}

  public static String conversation(String conversationSid) {
    return conversationSid + CONVERSATION;
  }

  public static String messages(String conversationSid) {
    return conversationSid + MESSAGES;
  }

  public static String roster(String conversationSid) {
    return conversationSid + ROSTER;
  }

  public static String userConversations(String identity) {
    return identity + USER_CONVERSATIONS;
  }

  public static String userInfo(String identity) {
    return identity + USER_INFO;
  }

  /**
   * The SID an object of {@code kind} is made with for its owner (a conversation, or a user for its
   * profile map): the kind's prefix and the owner SID's digits. Known before the object exists, so
   * others can name it before a client first opens it and it is made (see {@code FirstUse}).
   */
  static String sid(SyncKind kind, String ownerSid) {
    return kind.prefix().letters() + ownerSid.substring(2);
  }

  /** The conversation whose object would have SID or unique name {@code id}, if any could. */
  static String conversationOf(String id) {
    for (String suffix : new String[] {CONVERSATION, MESSAGES, ROSTER}) {
      if (id.endsWith(suffix)) {
        return id.substring(0, id.length() - suffix.length());
      }
    }
    for (SyncKind kind : SyncKind.values()) {
      if (id.length() == 34 && id.startsWith(kind.prefix().letters())) {
        return SidPrefix.CONVERSATION.letters() + id.substring(2);
      }
    }
    return null;
  }

  /**
   * The user (identity, or SID) whose profile map would have SID or unique name {@code id}, if any
   * could: a profile map is made with its prefix and the user SID's digits.
   */
  static String userOf(String id) {
    if (id.endsWith(USER_INFO)) {
      return id.substring(0, id.length() - USER_INFO.length());
    }
    if (id.length() == 34 && id.startsWith(SyncKind.MAP.prefix().letters())) {
      return SidPrefix.USER.letters() + id.substring(2);
    }
    return null;
  }

  /** Who an object belongs to: a conversation's objects or a user's, by its unique name. */
  record Owner(String conversationSid, String identity, boolean userInfo) {}

  static Owner ownerOf(String uniqueName) {
    for (String suffix : new String[] {CONVERSATION, MESSAGES, ROSTER}) {
      if (uniqueName.endsWith(suffix)) {
        return new Owner(
            uniqueName.substring(0, uniqueName.length() - suffix.length()), null, false);
      }
    }
    if (uniqueName.endsWith(USER_CONVERSATIONS)) {
      return new Owner(
          null, uniqueName.substring(0, uniqueName.length() - USER_CONVERSATIONS.length()), false);
    }
    if (uniqueName.endsWith(USER_INFO)) {
      return new Owner(
          null, uniqueName.substring(0, uniqueName.length() - USER_INFO.length()), true);
    }
    throw new IllegalStateException("not a Parley Sync object name: " + uniqueName);
  }
}
