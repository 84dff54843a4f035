package dev.parley.app;

import dev.parley.auth.AccountService;
import dev.parley.conversation.AddressConfigurations;
import dev.parley.error.ApiException;
import dev.parley.ids.AccountSid;
import dev.parley.ids.RandomSids;
import dev.parley.ids.SidPrefix;
import dev.parley.store.AddressRecord;
import dev.parley.store.Store;
import dev.parley.webchat.DeploymentRequest;
import dev.parley.webchat.WebchatDeployments;

/**
 * Fills an empty store the way a new Twilio Flex account starts: the account, its default
 * Conversation Service (with its default roles), the account's Conversations configuration, the
 * default chat address web chats start from, and a Webchat deployment on it (so the start-up
 * banner's demo page works at once).
 */
final class Bootstrap {
  private Bootstrap() {}

  /** What the first start created; {@code generatedToken} is non-null only when Parley made it. */
  record Result(String accountSid, String generatedToken) {}

  static Result run(
      Config config,
      Store store,
      AccountService accounts,
      AddressConfigurations addresses,
      WebchatDeployments deployments,
      RandomSids random) {
    // A restart (the common start) reads and writes nothing: a write would wait for the store's
    // writer and its commit (on PostgreSQL, for a writer connection still being opened).
    if (!store.readOne(tx -> store.accounts().isEmpty(tx))) {
      return null;
    }
    return store.write(
        tx -> {
          if (!store.accounts().isEmpty(tx)) {
            return null;
          }
          String accountSid =
              config.accountSid() == null ? random.next(SidPrefix.ACCOUNT) : config.accountSid();
          if (!SidPrefix.ACCOUNT.matches(accountSid)) {
            throw ApiException.invalid(
                "PARLEY_ACCOUNT_SID", "must be AC followed by 32 hex digits");
          }
          boolean generated = config.authToken() == null || config.authToken().isBlank();
          String token = generated ? random.secret(16) : config.authToken();
          accounts.create(tx, accountSid, null, "Parley", token);
          AddressRecord address = addresses.createDefaultChat(tx, new AccountSid(accountSid));
          deployments.create(
              tx,
              new AccountSid(accountSid),
              new DeploymentRequest("Default web chat", address.sid(), null, null, false));
          return new Result(accountSid, generated ? token : null);
        });
  }
}
