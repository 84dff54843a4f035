package dev.parley.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token rules of {@code init} and {@code update} (docs/realtime-protocol.md §2.4, §2.5).
 * Verifying may read the store, so it runs on the realtime workers; the future completes on the
 * caller's event loop.
 */
final class TokenChecks {
  private static final Logger log = LoggerFactory.getLogger(TokenChecks.class);
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
   * Checks the grants of open connections again against the live key, account and service (each
   * distinct grant once), and revokes those now refused. Blocking: runs on a worker.
   */
  void recheck(List<TwilsockConnection> open, boolean fresh) {
    Map<AccessGrant, Optional<ApiException>> verdicts = new HashMap<>();
    for (TwilsockConnection connection : open) {
      AccessGrant grant = connection.grant();
      // Expiry is the sweep's; the verdict is the same for every expiry of one key and service.
      AccessGrant key =
          new AccessGrant(
              grant.accountSid(), grant.serviceSid(), "", grant.keySid(), Instant.EPOCH);
      verdicts.computeIfAbsent(key, k -> refusal(grant, fresh)).ifPresent(connection::revoke);
    }
  }

  private Optional<ApiException> refusal(AccessGrant grant, boolean fresh) {
    try {
      tokens.recheck(grant, fresh);
      return Optional.empty();
    } catch (ApiException refused) {
      return Optional.of(refused);
    } catch (RuntimeException e) {
      // The store did not answer: the next check decides; a connection is not ended for a bug.
      log.error("event=token_recheck_failed key_sid={}", grant.keySid(), e);
      return Optional.empty();
    }
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
