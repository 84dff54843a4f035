package dev.parley.conversation;

import dev.parley.json.Attributes;

/** An update to a user. Null fields are left as they are. */
public record UserChanges(String friendlyName, Attributes attributes, String roleSid) {}
