package dev.parley.events;

/**
 * Who performs an action and which webhooks it may fire. Twilio suppresses webhooks for REST
 * actions unless the request says {@code X-Twilio-Webhook-Enabled: true}, and then fires only
 * post-action ones; SDK actions fire both kinds
 * (https://www.twilio.com/docs/conversations/conversations-webhooks).
 */
public record Origin(
    Source source, String clientIdentity, boolean postWebhooks, boolean preWebhooks) {

  /** A REST action without {@code X-Twilio-Webhook-Enabled: true}: recorded, fires nothing. */
  public static final Origin QUIET_API = new Origin(Source.API, null, false, false);

  /** A REST action that asked for webhooks, and Parley's own actions (timers). */
  public static final Origin API = new Origin(Source.API, null, true, false);

  public static Origin api(boolean webhookEnabled) {
    return webhookEnabled ? API : QUIET_API;
  }

  public static Origin sdk(String clientIdentity) {
    return new Origin(Source.SDK, clientIdentity, true, true);
  }
}
