package dev.parley.agents;

/** What a caller asks for when creating an agent; all three are required. */
public record NewAgent(String identity, String friendlyName, String password) {}
