package dev.parley.auth;

import dev.parley.store.Tx;

/**
 * What a new account gets besides its credentials (its default Conversation Service and {@code
 * /v1/Configuration}), written in the transaction that creates the account. Wired in {@code app} so
 * that {@code auth} need not know the Conversations domain.
 */
@FunctionalInterface
public interface AccountSetup {
  void prepare(Tx tx, String accountSid);
}
