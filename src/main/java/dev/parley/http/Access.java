package dev.parley.http;

/**
 * Who may call a route. Every route in the table names one (docs/routes.md); nothing is admitted by
 * falling outside a list of exceptions.
 */
public enum Access {
  /** Anyone: the widget's and console's files, health probes, and refusals that carry no data. */
  PUBLIC(false),
  /**
   * Twilio credentials by HTTP Basic: the account SID and auth token, or an API key SID and secret
   * ({@link BasicAuth}); 401 with code 20003 otherwise.
   */
  ACCOUNT_BASIC(true),
  /**
   * A Webchat deployment key in the form, checked against the request's {@code Origin} and the rate
   * limits (Webchat 3's browser calls, which carry no account credentials).
   */
  DEPLOYMENT_KEY(true),
  /**
   * An access token presented in-band, in the Twilsock init frame, not in HTTP: the SDK's WebSocket
   * upgrade itself carries no credentials, and the session checks the token before any command.
   */
  ACCESS_TOKEN(false),
  /** The agent console's session cookie, and for a change its CSRF token and own origin. */
  CONSOLE_SESSION(true),
  /**
   * Twilio's Media Content Service (docs/media.md): an access token of the path's service in the
   * SDK's {@code X-Twilio-Token} header, or the account's credentials by HTTP Basic. The request
   * body is not read before the guard admits it: uploads stream.
   */
  ACCOUNT_BASIC_OR_ACCESS_TOKEN(true),
  /**
   * A temporary content URL: its query carries an expiring signature for one medium, checked by the
   * handler; it needs no credentials, as Twilio's pre-signed URLs need none.
   */
  SIGNED_URL(false);

  private final boolean guarded;

  Access(boolean guarded) {
    this.guarded = guarded;
  }

  /** Whether an HTTP handler checks this access before the route's own handler runs. */
  public boolean guarded() {
    return guarded;
  }
}
