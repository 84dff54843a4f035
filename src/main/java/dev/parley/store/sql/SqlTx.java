package dev.parley.store.sql;

import dev.parley.store.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A transaction on a JDBI handle. Only the {@code store.sql} package looks inside. */
final class SqlTx implements Tx {
  private static final Logger log = LoggerFactory.getLogger(SqlTx.class);
  private Handle handle;

  /** Opens the handle at the first statement ({@link #opening}); null when given open. */
  private Supplier<Handle> opener;

  private final SharedReads sharedReads;
  private final long readAt;
  private List<Runnable> beforeCommit;
  private List<Runnable> afterEnd;
  private List<Runnable> afterCommit;
  private Map<Object, Object> memos;

  /**
   * Notifications to send just before the commit, in order (a channel and its payload, made when
   * first asked for); null where sent at once.
   */
  private List<Supplier<String[]>> notifications;

  /** {@link #notifications}, made. */
  private List<String[]> made;

  SqlTx(Handle handle) {
    this(handle, null);
  }

  /**
   * {@code sharedReads}: where reads outlive transactions, or null. Made before the first
   * statement.
   */
  SqlTx(Handle handle, SharedReads sharedReads) {
    this.handle = handle;
    this.sharedReads = sharedReads;
    this.readAt = sharedReads == null ? 0 : sharedReads.generation();
  }

  /**
   * A read whose handle is opened by its first statement: one answered from {@code sharedReads} (a
   * request's service, on every request) borrows no pooled connection. {@link #closeOpened} ends
   * it.
   */
  static SqlTx opening(Supplier<Handle> opener, SharedReads sharedReads) {
    SqlTx tx = new SqlTx(null, sharedReads);
    tx.opener = opener;
    return tx;
  }

  /** Closes the handle {@link #opening} opened, if a statement needed it. */
  void closeOpened() {
    if (opener != null && handle != null) {
      handle.close();
    }
  }

  private Handle handle() {
    if (handle == null) {
      handle = opener.get();
    }
    return handle;
  }

  /** {@link SharedReads#generation()} when this transaction began, before its first statement. */
  long readAt() {
    return readAt;
  }

  /** Has {@link #notifyAtCommit} keep notifications for the committer to send. */
  SqlTx deferringNotifications() {
    notifications = new ArrayList<>(2);
    return this;
  }

  /**
   * Keeps a notification (a channel and its payload) for the committer to send with the others of
   * its commit; false when this transaction sends its own (the caller sends it now).
   */
  boolean notifyAtCommit(String channel, String payload) {
    return notifyAtCommit(channel, () -> payload);
  }

  /**
   * As {@link #notifyAtCommit(String, String)}, the payload made by {@code payload} only when the
   * committer asks for the notifications: after the batch's statements are sent, so it may read
   * what they return (a post's Sync event ids).
   */
  boolean notifyAtCommit(String channel, Supplier<String> payload) {
    if (notifications == null) {
      return false;
    }
    notifications.add(() -> new String[] {channel, payload.get()});
    return true;
  }

  /** The notifications kept by {@link #notifyAtCommit}, in order (made once). */
  List<String[]> notifications() {
    if (notifications == null) {
      return List.of();
    }
    if (made == null) {
      made = new ArrayList<>(notifications.size());
      notifications.forEach(n -> made.add(n.get()));
    }
    return made;
  }

  static Handle of(Tx tx) {
    return ((SqlTx) tx).handle();
  }

  static SharedReads sharedReads(Tx tx) {
    return ((SqlTx) tx).sharedReads;
  }

  /** Runs {@code action} when this transaction has ended, committed or rolled back. */
  void afterEnd(Runnable action) {
    afterEnd = added(afterEnd, action);
  }

  /** Called once the transaction has committed or rolled back. */
  void ended() {
    if (afterEnd == null) {
      return;
    }
    afterEnd.forEach(Runnable::run);
    afterEnd = null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T memo(Object key, Supplier<T> make) {
    if (memos == null) {
      memos = new HashMap<>();
    }
    return (T) memos.computeIfAbsent(key, k -> make.get());
  }

  @Override
  public void beforeCommit(Runnable action) {
    beforeCommit = added(beforeCommit, action);
  }

  /** Runs the work's before-commit actions, including any they add; the first failure throws. */
  void finish() {
    if (beforeCommit == null) {
      return;
    }
    for (int i = 0; i < beforeCommit.size(); i++) {
      beforeCommit.get(i).run();
    }
    beforeCommit = null;
  }

  @Override
  public void afterCommit(Runnable action) {
    afterCommit = added(afterCommit, action);
  }

  /** {@code actions} with {@code action} added, made on first use: most transactions have none. */
  private static List<Runnable> added(List<Runnable> actions, Runnable action) {
    List<Runnable> list = actions != null ? actions : new ArrayList<>(2);
    list.add(action);
    return list;
  }

  /** Runs the after-commit actions; one that fails is logged and does not stop the others. */
  void committed() {
    if (afterCommit == null) {
      return;
    }
    for (Runnable action : afterCommit) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.error("event=after_commit_failed", e);
      }
    }
  }
}
