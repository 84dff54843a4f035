package dev.parley.webhooks;

/**
 * What one attempt came to: the receiver's status (null when no answer came) or the error, and the
 * time taken. {@code attempted} is false when Parley did not call anything (a studio delivery with
 * nowhere to go), which records no attempt.
 */
record Outcome(boolean attempted, Integer statusCode, String error, int latencyMs) {

  enum Verdict {
    DELIVERED,
    RETRY,
    DEAD
  }

  static Outcome answered(int statusCode, String location, int latencyMs) {
    String error = null;
    if (statusCode >= 300 && statusCode < 400) {
      // Twilio does not follow redirects to webhooks; a receiver that moved must be reconfigured.
      error = "redirect to " + (location == null ? "nowhere" : location) + " not followed";
    } else if (statusCode >= 400) {
      error = "HTTP " + statusCode;
    }
    return new Outcome(true, statusCode, error, latencyMs);
  }

  static Outcome failed(String error, int latencyMs) {
    return new Outcome(true, null, error, latencyMs);
  }

  static Outcome refused(String why) {
    return new Outcome(false, null, why, 0);
  }

  /**
   * 2xx delivers. No answer (network error, timeout), 429 and 5xx are worth retrying; any other
   * answer (a redirect, a 4xx) would come back the same, so the delivery is dead at once.
   */
  Verdict verdict() {
    if (!attempted) {
      return Verdict.DEAD;
    }
    if (statusCode == null) {
      return Verdict.RETRY;
    }
    if (statusCode >= 200 && statusCode < 300) {
      return Verdict.DELIVERED;
    }
    return statusCode == 429 || statusCode >= 500 ? Verdict.RETRY : Verdict.DEAD;
  }
}
