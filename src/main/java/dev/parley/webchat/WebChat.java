package dev.parley.webchat;

/**
 * A created web chat: the conversation, the Conversation Service it lives in and the identity its
 * visitor chats as.
 */
public record WebChat(String conversationSid, String serviceSid, String identity) {}
