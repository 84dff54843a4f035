package dev.parley.realtime.sync;

import dev.parley.ids.SidPrefix;
import java.util.Locale;

/** The three kinds of Sync object the Conversations SDK opens. */
public enum SyncKind {
  DOCUMENT(SidPrefix.SYNC_DOCUMENT, "Documents"),
  LIST(SidPrefix.SYNC_LIST, "Lists"),
  MAP(SidPrefix.SYNC_MAP, "Maps");

  private final SidPrefix prefix;
  private final String path;

  SyncKind(SidPrefix prefix, String path) {
    this.prefix = prefix;
    this.path = path;
  }

  /** {@code document}, {@code list} or {@code map}: as stored, and as subscriptions name it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public SidPrefix prefix() {
    return prefix;
  }

  /** The collection in CDS paths: {@code /v3/Documents/{id}}. */
  public String path() {
    return path;
  }

  /** The notification type live events of this kind travel in. */
  public String messageType() {
    return "com.twilio.rtd.cds." + wire();
  }

  public static SyncKind ofWire(String wire) {
    for (SyncKind kind : values()) {
      if (kind.wire().equals(wire)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("not a Sync object kind: " + wire);
  }

  public static SyncKind ofPath(String path) {
    for (SyncKind kind : values()) {
      if (kind.path.equals(path)) {
        return kind;
      }
    }
    return null;
  }
}
