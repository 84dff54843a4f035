package dev.parley.auth;

import java.time.Instant;

/**
 * What a verified access token lets its holder do: act as {@code identity} in Conversation Service
 * {@code serviceSid} of {@code accountSid} until {@code expiresAt}. {@code keySid} is the API key
 * that signed it (a guest token's is the account's internal guest key).
 */
public record AccessGrant(
    String accountSid, String serviceSid, String identity, String keySid, Instant expiresAt) {}
