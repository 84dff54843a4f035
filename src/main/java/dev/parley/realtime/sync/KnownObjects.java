package dev.parley.realtime.sync;

import dev.parley.store.SyncObjectRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The committed Sync objects met lately, by service and unique name: an object's SID and kind never
 * change, so every change of a busy conversation need not look them up again. Least recently used
 * go first; a document's data here may be old (read it fresh before changing it).
 */
final class KnownObjects {
  private final Map<String, SyncObjectRecord> byName;

  KnownObjects(int capacity) {
    this.byName =
        // Sized for all of them at once: growing by rehashing would stall the writer thread.
        new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, SyncObjectRecord> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized SyncObjectRecord get(String serviceSid, String uniqueName) {
    return byName.get(serviceSid + "/" + uniqueName);
  }

  synchronized void put(SyncObjectRecord object) {
    byName.put(object.serviceSid() + "/" + object.uniqueName(), object);
  }

  synchronized void remove(SyncObjectRecord object) {
    byName.remove(object.serviceSid() + "/" + object.uniqueName());
  }
}
