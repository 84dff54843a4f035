-- Media (docs/media.md): one row per uploaded file. channel_sid and message_sid are null until a
-- message attaches it; a message's deletion deletes its media rows (and so their bytes: files on
-- the embedded store, media_chunks rows on PostgreSQL, V14).
CREATE TABLE media (
  seq          ${seq_pk},
  sid          TEXT NOT NULL UNIQUE,
  account_sid  TEXT NOT NULL,
  service_sid  TEXT NOT NULL,
  channel_sid  TEXT,
  message_sid  TEXT REFERENCES messages(sid) ON DELETE CASCADE,
  author       TEXT,
  size         ${bigint} NOT NULL,
  content_type TEXT NOT NULL,
  filename     TEXT,
  category     TEXT NOT NULL,
  date_created ${bigint} NOT NULL,
  date_updated ${bigint} NOT NULL
);
CREATE INDEX media_message ON media(message_sid);
