package dev.parley.realtime.sync;

import dev.parley.shapes.ConversationShapes;
import dev.parley.shapes.ConversationShapes.SyncSource;
import dev.parley.shapes.ConversationShapes.SyncText;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of busy conversations' Sync documents, without their last message, kept between
 * messages. Every message rewrites its conversation's document with only {@code lastMessage}
 * changed, and making the document anew (its attributes parsed, the whole written again) was the
 * largest part of the writer's Sync work per message (issue 16 §3).
 *
 * <p>The invariant: a document's text is a function of its {@link SyncSource} alone ({@link
 * ConversationShapes#syncText}), so a text kept for an equal source is the text that would be made.
 * Nothing here depends on transactions: a text made in one that rolled back is as right as any, and
 * a conversation's change is seen as a different source at its next message.
 */
final class DocumentTexts {
  private final long maxChars;
  private final Map<String, Kept> bySid = new LinkedHashMap<>(256, 0.75f, true);
  private long chars;

  private record Kept(SyncSource source, SyncText text) {
    long chars() {
      String attributes = source.attributes();
      return text.length() + (attributes == null ? 0 : attributes.length()) + 256;
    }
  }

  /**
   * Keeps at most about {@code maxChars} characters (attributes are kept twice, in the source and
   * the text); the least recently used go first.
   */
  DocumentTexts(long maxChars) {
    this.maxChars = maxChars;
  }

  /** The text of {@code conversationSid}'s document as {@code source} makes it. */
  SyncText of(String conversationSid, SyncSource source) {
    synchronized (this) {
      Kept kept = bySid.get(conversationSid);
      if (kept != null && kept.source().equals(source)) {
        return kept.text();
      }
    }
    // Made outside the lock: PostgreSQL's writers make theirs side by side.
    Kept made = new Kept(source, ConversationShapes.syncText(source));
    keep(conversationSid, made);
    return made.text();
  }

  private synchronized void keep(String conversationSid, Kept made) {
    Kept old = bySid.put(conversationSid, made);
    chars += made.chars() - (old == null ? 0 : old.chars());
    Iterator<Kept> eldest = bySid.values().iterator();
    while (chars > maxChars && eldest.hasNext()) {
      chars -= eldest.next().chars();
      eldest.remove();
    }
  }
}
