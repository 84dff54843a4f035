-- Media (docs/media.md): one row per uploaded file. channel_sid and message_sid are null until a
-- message attaches it; a message's deletion deletes its media rows (the bytes go with them).
CREATE TABLE media (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  sid          TEXT NOT NULL UNIQUE,
  account_sid  TEXT NOT NULL,
  service_sid  TEXT NOT NULL,
  channel_sid  TEXT,
  message_sid  TEXT REFERENCES messages(sid) ON DELETE CASCADE,
  author       TEXT,
  size         INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  filename     TEXT,
  category     TEXT NOT NULL,
  date_created INTEGER NOT NULL,
  date_updated INTEGER NOT NULL
);
CREATE INDEX media_message ON media(message_sid);
