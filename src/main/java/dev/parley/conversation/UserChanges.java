package dev.parley.conversation;

/** An update to a user. Null fields are left as they are. */
public record UserChanges(String friendlyName, String attributes, String roleSid) {}
