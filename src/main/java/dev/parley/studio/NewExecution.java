package dev.parley.studio;

/**
 * The REST trigger's request: {@code To} (the contact), {@code From} (the flow's address) and
 * {@code Parameters}, a JSON object given to the flow as {@code flow.data} (null when not given).
 */
public record NewExecution(String to, String from, String parameters) {}
