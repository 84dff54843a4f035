package dev.parley.conversation;

import dev.parley.store.UserRecord;

/**
 * The subject of {@code onUserAdded} for a user whose identity was just generated to be unique (a
 * new web chat visitor's): nothing can be keyed by that identity yet, so listeners need not look.
 */
public record NewIdentityUser(UserRecord user) {}
