package dev.parley.webchat;

import dev.parley.events.Origin;

/**
 * A visitor's request for a web chat ({@code POST /v2/WebChats}), checked at the edge: {@code
 * preEngagementData} is valid JSON of at most 16 KB or null, {@code identity} null for a new
 * visitor. {@code uiVersion} is the client's {@code Ui-Version} header, recorded only; {@code
 * origin} decides which webhooks the new conversation's events fire. {@code identityVerified} is
 * written to the attributes as {@code identity_verified} when not null (Webchat 3's init says
 * whether a site signed the visitor, docs/verified-visitors.md).
 */
public record WebChatRequest(
    String addressSid,
    String chatFriendlyName,
    String customerFriendlyName,
    String preEngagementData,
    String identity,
    String uiVersion,
    Origin origin,
    Boolean identityVerified) {}
