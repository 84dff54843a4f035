package dev.parley.agents;

/** A new log-in: {@code token} goes into the cookie and is shown nowhere else. */
public record LoggedIn(String token, ConsoleSession session) {}
