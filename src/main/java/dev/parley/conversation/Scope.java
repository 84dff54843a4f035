package dev.parley.conversation;

import dev.parley.events.Origin;

/**
 * Whose data a request acts on (one account and one of its Conversation Services) and who acts,
 * which decides the webhooks the change fires.
 */
public record Scope(String accountSid, String serviceSid, Origin origin) {

  /** A scope acted on by a quiet REST call: its changes are recorded but fire no webhooks. */
  public Scope(String accountSid, String serviceSid) {
    this(accountSid, serviceSid, Origin.QUIET_API);
  }

  /** The same data, acted on by {@code actor}. */
  public Scope by(Origin actor) {
    return new Scope(accountSid, serviceSid, actor);
  }
}
