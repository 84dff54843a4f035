package dev.parley.store;

/**
 * An open transaction. Store methods that read or write take it as their first parameter, so the
 * domain service that opened it decides what commits together.
 */
public interface Tx {}
