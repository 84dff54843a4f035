package dev.parley.realtime.client;

import dev.parley.auth.AccessGrant;
import dev.parley.conversation.Scope;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ServiceSid;
import dev.parley.realtime.GuestTokens;
import dev.parley.realtime.Session;

/**
 * Who a session acts as and what it may do. Every command acts as the token's identity, as an SDK
 * action (webhooks say {@code Source=SDK}). Everyone reaches only the conversations it takes part
 * in; an agent (any token but a Webchat guest's) may also create conversations and manage the
 * participants of those it is in.
 */
final class Callers {
  private final GuestTokens guests;

  Callers(GuestTokens guests) {
    this.guests = guests;
  }

  static Scope scope(Session session) {
    AccessGrant g = session.grant();
    return new Scope(
        AccountSid.of(g.accountSid()), ServiceSid.of(g.serviceSid()), Origin.sdk(g.identity()));
  }

  boolean guest(Session session) {
    return guests.isGuest(session.grant());
  }

  void requireAgent(Session session, String action) {
    if (guest(session)) {
      throw forbidden("a web chat guest may not " + action);
    }
  }

  static ApiException forbidden(String why) {
    return new ApiException(TwilioError.FORBIDDEN, why);
  }
}
