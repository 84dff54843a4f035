-- The realtime SDK reads conversations, messages, participants and users as Sync objects: a
-- projection of those tables, written in the same transaction as each change. Every change of an
-- object takes the object's next event id; an item keeps the id of its last change, so a client
-- that reconnects with an older id is sent every item changed since (removed ones included).
CREATE TABLE sync_objects (
  sid           TEXT PRIMARY KEY,
  account_sid   TEXT NOT NULL,
  service_sid   TEXT NOT NULL,
  unique_name   TEXT NOT NULL,
  kind          TEXT NOT NULL,
  last_event_id BIGINT NOT NULL,
  data          TEXT,
  date_created  BIGINT NOT NULL,
  date_updated  BIGINT NOT NULL,
  UNIQUE (service_sid, unique_name)
);

-- item_key is a map item's key, or a list item's index in decimal; item_index orders a list.
CREATE TABLE sync_items (
  object_sid       TEXT NOT NULL,
  item_key         TEXT COLLATE "C" NOT NULL,
  item_index       BIGINT,
  data             TEXT NOT NULL,
  created_event_id BIGINT NOT NULL,
  last_event_id    BIGINT NOT NULL,
  removed          BOOLEAN NOT NULL,
  date_created     BIGINT NOT NULL,
  date_updated     BIGINT NOT NULL,
  PRIMARY KEY (object_sid, item_key)
);
CREATE INDEX sync_items_changes ON sync_items(object_sid, last_event_id);
CREATE INDEX sync_items_list ON sync_items(object_sid, item_index) WHERE item_index IS NOT NULL;
