package dev.parley.conversation;

import java.util.List;

/** What a caller asks for when creating a role. */
public record NewRole(String friendlyName, RoleType type, List<String> permissions) {}
