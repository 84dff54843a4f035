package dev.parley.api.accounts;

import dev.parley.auth.NewApiKey;

/** A key just created ({@code api.v2010.account.new_key}): the one response with its secret. */
public record NewKeyView(
    String sid, String friendlyName, String dateCreated, String dateUpdated, String secret) {
  static NewKeyView of(NewApiKey created) {
    var k = created.key();
    return new NewKeyView(
        k.sid(),
        k.friendlyName(),
        Rfc2822.format(k.dateCreated()),
        Rfc2822.format(k.dateUpdated()),
        created.secret());
  }
}
