package dev.parley.conversation;

import dev.parley.events.Origin;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ServiceSid;

/**
 * Whose data a request acts on (one account and one of its Conversation Services) and who acts,
 * which decides the webhooks the change fires. The SIDs are typed: an account's cannot stand where
 * a service's belongs.
 */
public record Scope(AccountSid account, ServiceSid service, Origin origin) {

  /** A scope acted on by a quiet REST call: its changes are recorded but fire no webhooks. */
  public Scope(AccountSid account, ServiceSid service) {
    this(account, service, Origin.QUIET_API);
  }

  /** The same data, acted on by {@code actor}. */
  public Scope by(Origin actor) {
    return new Scope(account, service, actor);
  }

  /** The account's SID as the store keeps it. */
  public String accountSid() {
    return account.value();
  }

  /** The service's SID as the store keeps it; null when the account has no default service. */
  public String serviceSid() {
    return service == null ? null : service.value();
  }
}
