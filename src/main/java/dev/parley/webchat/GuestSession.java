package dev.parley.webchat;

import java.time.Instant;

/**
 * What a guest chats with: an access token for {@code identity} that expires at {@code expiration},
 * and the conversation it was made for (null on a refresh, which the client merges over what it
 * stored).
 */
public record GuestSession(
    String token, String conversationSid, String identity, Instant expiration) {}
