package dev.parley.store.sql;

import java.util.List;

/**
 * What {@code ./parley migrate} did to a store: which store ({@code where}, without credentials),
 * the migrations it applied (oldest first, empty when the schema was up to date) and the schema
 * version it is at now.
 */
public record MigrationReport(String where, List<String> applied, String version) {}
