package dev.parley.conversation;

/** What a caller asks for when creating a user. Null means "not given". */
public record NewUser(String identity, String friendlyName, String attributes, String roleSid) {}
