package dev.parley.conversation;

import dev.parley.json.Attributes;

/** What a caller asks for when creating a user. Null means "not given". */
public record NewUser(
    String identity, String friendlyName, Attributes attributes, String roleSid) {}
