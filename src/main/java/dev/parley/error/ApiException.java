package dev.parley.error;

/** A failure the caller caused, answered as a Twilio error body. Carries no stack trace. */
public final class ApiException extends RuntimeException {
  private final TwilioError error;
  private final boolean ofRequest;

  public ApiException(TwilioError error, Object... args) {
    this(error, error.message(args), false);
  }

  private ApiException(TwilioError error, String message, boolean ofRequest) {
    super(message, null, false, false);
    this.error = error;
    this.ofRequest = ofRequest;
  }

  public TwilioError error() {
    return error;
  }

  public static ApiException invalid(String parameter, String why) {
    return new ApiException(TwilioError.INVALID_PARAMETER, parameter, why);
  }

  /**
   * The resource the request's path names (or one of its parents) does not exist. Twilio answers
   * 20404 naming the request path, not the missing SID ({@code The requested resource
   * /Conversations/CH… was not found}), so the code that answers the request fills the path in (see
   * {@link #messageFor}); domain code knows no paths.
   */
  public static ApiException notFound() {
    return new ApiException(TwilioError.NOT_FOUND, "The requested resource was not found", true);
  }

  /** The message to answer a request for {@code resourcePath} with. */
  public String messageFor(String resourcePath) {
    return ofRequest ? error.message(resourcePath) : getMessage();
  }
}
