package dev.parley.auth;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.store.AccountRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;

/**
 * Who may reach which account through the 2010 API: an account reaches itself and the sub-accounts
 * it owns. Any other account is answered 404, exactly like one that does not exist, so that one
 * tenant cannot even learn of another.
 */
final class Family {
  private Family() {}

  static AccountRecord reachable(Store store, Tx tx, Principal caller, String sid) {
    return store
        .accounts()
        .find(tx, sid)
        .filter(
            a ->
                a.sid().equals(caller.accountSid())
                    || caller.accountSid().equals(a.ownerAccountSid()))
        .orElseThrow(ApiException::notFound);
  }

  /**
   * Twilio's standard API keys may not use the Accounts and Keys resources: it answers 20003 (see
   * twilio/twilio-python#259), so a leaked key cannot mint more keys or read auth tokens.
   */
  static void requireAuthToken(Principal caller) {
    if (!caller.usedAuthToken()) {
      throw new ApiException(TwilioError.API_KEY_NOT_ALLOWED);
    }
  }
}
