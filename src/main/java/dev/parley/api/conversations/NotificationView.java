package dev.parley.api.conversations;

import dev.parley.conversation.NotificationSettings;
import dev.parley.conversation.Scope;
import dev.parley.http.PublicUrl;

/** A service's push notification settings ({@code service_notification}). */
public record NotificationView(
    String accountSid,
    String chatServiceSid,
    boolean logEnabled,
    NotificationSettings.Push addedToConversation,
    NotificationSettings.NewMessage newMessage,
    NotificationSettings.Push removedFromConversation,
    String url) {

  static NotificationView of(Scope scope, NotificationSettings n, PublicUrl base) {
    return new NotificationView(
        scope.accountSid(),
        scope.serviceSid(),
        n.logEnabled(),
        n.addedToConversation(),
        n.newMessage(),
        n.removedFromConversation(),
        base.of("/v1/Services/" + scope.serviceSid() + "/Configuration/Notifications"));
  }
}
