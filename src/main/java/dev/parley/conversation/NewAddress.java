package dev.parley.conversation;

/** What a caller asks for when creating an address configuration; {@code type} as spelled. */
public record NewAddress(
    String type,
    String address,
    String friendlyName,
    String addressCountry,
    AutoCreationChanges autoCreation) {}
