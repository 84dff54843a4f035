-- The bytes of media (V13), shared by every node: 256 KB rows, written and read one at a time so
-- that no file is ever whole in memory. Written before the media row and deleted after it, so no
-- media row ever points at missing bytes. (The embedded store keeps them as files: its V14 is empty.)
CREATE TABLE media_chunks (
  media_sid TEXT NOT NULL,
  n         INTEGER NOT NULL,
  data      BYTEA NOT NULL,
  PRIMARY KEY (media_sid, n)
);
