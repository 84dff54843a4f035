package dev.parley.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One web chat in a console list: the visitor's name ({@code from} in the attributes) and
 * pre-engagement answers (an object, empty when there were none), as the web chat stored them;
 * {@code waitingSeconds} is counted by the server, so a skewed browser clock cannot skew it; {@code
 * preview} is the start of the newest message of a waiting chat (null otherwise or when nothing was
 * written yet; also for the agent's open chats); {@code unread} counts the messages after the
 * agent's read horizon in its open chats, as the SDK's {@code getUnreadMessagesCount()} does (null
 * in the other lists). {@code verified} is true only when the server marked the conversation's
 * visitor as signed by the site ({@code identity_verified: true} at the top of the conversation's
 * attributes, which Webchat's init writes and a visitor cannot: its pre-engagement data is nested
 * under {@code pre_engagement_data}, and a chat participant may not edit conversation attributes).
 */
public record ChatSummary(
    String conversationSid,
    String friendlyName,
    String customerName,
    JsonNode preEngagementData,
    String state,
    Instant dateCreated,
    Instant dateUpdated,
    long waitingSeconds,
    String preview,
    Long unread,
    boolean verified) {}
