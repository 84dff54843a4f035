package dev.parley.error;

/** A failure the caller caused, answered as a Twilio error body. Carries no stack trace. */
public final class ApiException extends RuntimeException {
  private final TwilioError error;

  public ApiException(TwilioError error, Object... args) {
    super(error.message(args), null, false, false);
    this.error = error;
  }

  public TwilioError error() {
    return error;
  }

  public static ApiException invalid(String parameter, String why) {
    return new ApiException(TwilioError.INVALID_PARAMETER, parameter, why);
  }
}
