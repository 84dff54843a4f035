package dev.parley.conversation;

/** Whose data a request acts on: one account and one of its Conversation Services. */
public record Scope(String accountSid, String serviceSid) {}
