package dev.parley.events;

import java.util.Map;

/**
 * Asks the pre-action webhook, if one is configured for the action, whether a change may happen.
 * Blocks for up to Twilio's five-second limit: call it before opening the change's transaction.
 */
public interface PreActionHook {
  /** A hook that lets everything through unmodified: no pre-action webhooks. */
  PreActionHook NONE = (action, accountSid, serviceSid, fields) -> Verdict.PROCEED;

  /**
   * The verdict on {@code action} of the account's {@code serviceSid}. {@code fields} are the form
   * fields to send, the common ones included.
   */
  Verdict ask(PreAction action, String accountSid, String serviceSid, Map<String, String> fields);

  /**
   * What the webhook said: go ahead (with {@code changes}, the JSON fields of a 200 answer, empty
   * when none) or reject ({@code rejectedWith} holds the HTTP status of the 4xx/5xx answer).
   */
  record Verdict(Integer rejectedWith, Map<String, Object> changes) {
    public static final Verdict PROCEED = new Verdict(null, Map.of());

    public boolean rejected() {
      return rejectedWith != null;
    }
  }
}
