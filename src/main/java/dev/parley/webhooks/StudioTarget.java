package dev.parley.webhooks;

/** What Parley does with conversation webhooks of target {@code studio}. */
final class StudioTarget {
  /**
   * A studio webhook naming a flow Parley holds runs it (studio/ChatTrigger) and is never
   * delivered; one naming any other flow has no runner here (Twilio's Studio is not reachable from
   * a self-hosted server), so without {@code PARLEY_STUDIO_URL} it is dead-lettered at once with
   * this reason (replayable once a runner is configured) rather than retried forever.
   */
  static final String UNCONFIGURED =
      "no Studio flow runner: the flow is not one of this account's /v2/Flows; create it there, or"
          + " set PARLEY_STUDIO_URL (or --studio-url) to have studio webhooks POSTed to"
          + " <url>/<FlowSid>, then replay";

  private StudioTarget() {}
}
