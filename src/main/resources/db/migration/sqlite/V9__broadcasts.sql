-- Broadcasts too big for a PostgreSQL notification wait here for the nodes to read them; the
-- notification carries the seq. The embedded store (one node) never uses it.
CREATE TABLE broadcasts (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  message TEXT NOT NULL
);
