package dev.parley.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

/**
 * The token rules of {@code init} and {@code update} (docs/realtime-protocol.md §2.4, §2.5).
 * Verifying may read the store, so it runs on the realtime workers; the future completes on the
 * caller's event loop.
 */
final class TokenChecks {
  private final AccessTokens tokens;
  private final WorkerExecutor workers;

  TokenChecks(AccessTokens tokens, WorkerExecutor workers) {
    this.tokens = tokens;
    this.workers = workers;
  }

  Future<AccessGrant> verify(String token) {
    return workers.executeBlocking(() -> tokens.verify(token), false);
  }

  /**
   * The grant of an {@code update}'s token, which must keep the connection's account, service and
   * identity: every tunnelled request acts as that identity, and the requests carry none.
   */
  Future<AccessGrant> verifyUpdate(AccessGrant current, String token) {
    return verify(token)
        .map(
            next -> {
              if (!next.accountSid().equals(current.accountSid())
                  || !next.serviceSid().equals(current.serviceSid())
                  || !next.identity().equals(current.identity())) {
                throw new ApiException(
                    TwilioError.TOKEN_GRANTS_INVALID,
                    "an update must keep the connection's account, service and identity");
              }
              return next;
            });
  }

  /**
   * The reply status of a refused token: the error's 401 or 403 (a suspended account) with its
   * Twilio code, which make the SDK go "denied" (terminal; 20104 also emits tokenExpired). Anything
   * else is a bug, answered 500, which the SDK retries.
   */
  static ObjectNode refusal(Throwable cause) {
    if (cause instanceof ApiException api) {
      return TwilsockFrames.status(api.error().status(), api.error().code(), api.getMessage());
    }
    return TwilsockFrames.status(
        TwilsockProtocol.INTERNAL_ERROR, TwilioError.INTERNAL.code(), "Internal error");
  }
}
