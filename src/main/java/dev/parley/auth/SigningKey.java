package dev.parley.auth;

/**
 * An API key as an access-token signing key: HMAC-SHA256 over the token with {@code secret}, the
 * key's secret as its UTF-8 bytes (what twilio-java's {@code AccessToken.Builder} is given).
 */
public record SigningKey(String keySid, String accountSid, byte[] secret) {}
