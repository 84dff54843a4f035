package dev.parley.auth;

import dev.parley.store.ApiKeyRecord;

/** A key just created, with its plain secret: the only moment the secret is ever shown. */
public record NewApiKey(ApiKeyRecord key, String secret) {}
