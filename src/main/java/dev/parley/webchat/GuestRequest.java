package dev.parley.webchat;

/**
 * A visitor's {@code POST /v2/Webchat/Init}, checked at the edge: {@code preEngagementData} is JSON
 * of at most 16 KB or null; {@code identity} is null for a new visitor, else the identity an
 * earlier init gave out; {@code signed} is the site's signed identity when {@code IdentityHash} was
 * sent (then {@code identity} is null), else null.
 */
public record GuestRequest(
    String customerFriendlyName,
    String preEngagementData,
    String identity,
    String uiVersion,
    SignedIdentity signed) {}
