package dev.parley.webchat;

/** A created web chat: the conversation and the identity its visitor chats as. */
public record WebChat(String conversationSid, String identity) {}
