-- Media whose bytes are to be deleted (docs/media.md, "When media go"): a medium's row leaves
-- `media` and its SID enters `media_trash` in the transaction that deletes its message, its
-- conversation or its service, or that sweeps it as never attached. A sweep then deletes the
-- bytes (files or media_chunks rows) and the trash row, so a crash between the two leaves work
-- for the next sweep, never bytes nobody will delete.
CREATE TABLE media_trash (
  media_sid    TEXT PRIMARY KEY,
  date_trashed ${bigint} NOT NULL
) ${without_rowid};
-- A conversation's deletion finds its media; the sweep finds uploads left unattached.
CREATE INDEX media_channel ON media(channel_sid);
CREATE INDEX media_unattached ON media(date_created) WHERE message_sid IS NULL;
