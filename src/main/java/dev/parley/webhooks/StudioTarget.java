package dev.parley.webhooks;

/** What Parley does with conversation webhooks of target {@code studio}. */
final class StudioTarget {
  /**
   * Parley has no Studio flow runner, and Twilio's Studio is not reachable from a self-hosted
   * server, so a studio delivery without {@code PARLEY_STUDIO_URL} is dead-lettered at once with
   * this reason (replayable once a runner is configured) rather than retried forever.
   */
  static final String UNCONFIGURED =
      "no Studio flow runner: Parley does not run Studio flows; set PARLEY_STUDIO_URL (or"
          + " --studio-url) to have studio webhooks POSTed to <url>/<FlowSid>, then replay";

  private StudioTarget() {}
}
