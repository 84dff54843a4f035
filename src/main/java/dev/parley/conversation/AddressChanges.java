package dev.parley.conversation;

/** An update to an address configuration. Type, address and country cannot change. */
public record AddressChanges(String friendlyName, AutoCreationChanges autoCreation) {}
