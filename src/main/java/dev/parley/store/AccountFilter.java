package dev.parley.store;

/** Filters of the account list: exact friendly name and status; null means any. */
public record AccountFilter(String friendlyName, String status) {}
