package dev.parley.agents;

import java.time.Instant;

/** A logged-in agent: who, the token its changes must echo, and when the log-in ends. */
public record ConsoleSession(Agent agent, String csrfToken, Instant expires) {}
