package dev.parley.events;

/**
 * Vets a URL Parley will call on a user's behalf (a webhook, a pre-action hook) when it is
 * configured, so that a host Parley refuses to call is a {@code 400} at once rather than a dead
 * letter later. The calls are checked again when they are made: DNS may change in between.
 */
public interface WebhookUrlCheck {
  /** Accepts every URL (domain tests, tools). */
  WebhookUrlCheck NONE = (parameter, url) -> {};

  /**
   * Throws {@code ApiException} ({@code 400}/{@code 20001} naming {@code parameter}) when {@code
   * url}'s host is refused; null and empty (clear) pass. May look the host up, for a bounded time:
   * call it before a transaction starts, never inside one.
   */
  void vet(String parameter, String url);
}
