package dev.parley.studio;

/**
 * A flow as a create, update or validate request gives it; null means "not given" (an update keeps
 * the current value). {@code definition} is JSON text, {@code status} draft or published.
 */
public record NewFlow(
    String friendlyName, String status, String definition, String commitMessage) {}
