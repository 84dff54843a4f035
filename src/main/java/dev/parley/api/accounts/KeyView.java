package dev.parley.api.accounts;

import dev.parley.store.ApiKeyRecord;

/** The wire form of an API key ({@code api.v2010.account.key}): never its secret. */
public record KeyView(String sid, String friendlyName, String dateCreated, String dateUpdated) {
  static KeyView of(ApiKeyRecord k) {
    return new KeyView(
        k.sid(),
        k.friendlyName(),
        Rfc2822.format(k.dateCreated()),
        Rfc2822.format(k.dateUpdated()));
  }
}
