package dev.parley.agents;

/** An update to an agent. Null fields are left as they are; a new password ends its sessions. */
public record AgentChanges(String friendlyName, String password) {}
