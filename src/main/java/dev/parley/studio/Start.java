package dev.parley.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How an execution starts: the trigger widget's event ({@code incomingRequest} for the REST API,
 * {@code incomingConversationMessage} for a conversation's message), the flow's own address ({@code
 * flow.channel.address}: the REST call's {@code From}; empty in a chat, which has no number) and
 * the contact's ({@code contact.channel.address}), the conversation when there is one, {@code
 * trigger.*} and {@code flow.data}.
 */
record Start(
    String event,
    String flowAddress,
    String contact,
    String serviceSid,
    String conversationSid,
    ObjectNode trigger,
    ObjectNode data) {}
