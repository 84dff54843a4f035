package dev.parley.realtime;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;

/**
 * The upstream until the Conversations commands and Sync objects are served: every tunnelled
 * request is Twilio's 404 {@code 20404}, an honest "no such resource" the SDK reports as such.
 */
public final class NotFoundUpstream implements Upstream {
  @Override
  public UpstreamResponse handle(Session session, UpstreamRequest request) {
    throw new ApiException(TwilioError.NOT_FOUND, request.path());
  }
}
