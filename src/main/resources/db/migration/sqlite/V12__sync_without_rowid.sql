-- Sync objects and items keyed by their primary key alone (WITHOUT ROWID): a rowid table with a
-- TEXT primary key is two b-trees, the rows by rowid and the key's index, so every new object or
-- item was written twice. A new web chat adds five objects and four items. Same columns and
-- indexes as V8; PostgreSQL's tables are heaps either way and stay as they are.
CREATE TABLE sync_objects_v12 (
  sid           TEXT PRIMARY KEY,
  account_sid   TEXT NOT NULL,
  service_sid   TEXT NOT NULL,
  unique_name   TEXT NOT NULL,
  kind          TEXT NOT NULL,
  last_event_id INTEGER NOT NULL,
  data          TEXT,
  date_created  INTEGER NOT NULL,
  date_updated  INTEGER NOT NULL,
  UNIQUE (service_sid, unique_name)
) WITHOUT ROWID;
INSERT INTO sync_objects_v12 SELECT sid, account_sid, service_sid, unique_name, kind,
  last_event_id, data, date_created, date_updated FROM sync_objects;
DROP TABLE sync_objects;
ALTER TABLE sync_objects_v12 RENAME TO sync_objects;

CREATE TABLE sync_items_v12 (
  object_sid       TEXT NOT NULL,
  item_key         TEXT NOT NULL,
  item_index       INTEGER,
  data             TEXT NOT NULL,
  created_event_id INTEGER NOT NULL,
  last_event_id    INTEGER NOT NULL,
  removed          INTEGER NOT NULL,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL,
  PRIMARY KEY (object_sid, item_key)
) WITHOUT ROWID;
INSERT INTO sync_items_v12 SELECT object_sid, item_key, item_index, data, created_event_id,
  last_event_id, removed, date_created, date_updated FROM sync_items;
DROP TABLE sync_items;
ALTER TABLE sync_items_v12 RENAME TO sync_items;
CREATE INDEX sync_items_changes ON sync_items(object_sid, last_event_id);
CREATE INDEX sync_items_list ON sync_items(object_sid, item_index) WHERE item_index IS NOT NULL;
