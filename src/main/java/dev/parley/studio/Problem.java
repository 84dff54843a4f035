package dev.parley.studio;

/**
 * One finding of a definition's validation, as Twilio lists them: a message and the JSON pointer of
 * the offending part ({@code #/states/2/transitions/0/next}).
 */
public record Problem(String message, String propertyPath) {}
