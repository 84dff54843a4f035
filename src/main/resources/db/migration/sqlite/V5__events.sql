-- The outbox: every change's event, written in the change's own transaction. seq is the order
-- of commit (one writer), so it orders a conversation's events.
CREATE TABLE events (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  account_sid      TEXT NOT NULL,
  service_sid      TEXT,
  conversation_sid TEXT,
  type             TEXT NOT NULL,
  source           TEXT NOT NULL,
  client_identity  TEXT,
  params           TEXT NOT NULL,
  date_created     INTEGER NOT NULL
);
CREATE INDEX events_conversation ON events(conversation_sid, seq) WHERE conversation_sid IS NOT NULL;

-- One event on its way to one webhook target. lane orders deliveries: a lane is one target and
-- one conversation (or user), and only its oldest pending delivery is attempted.
CREATE TABLE webhook_deliveries (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  account_sid      TEXT NOT NULL,
  event_seq        INTEGER NOT NULL REFERENCES events(seq),
  lane             TEXT NOT NULL,
  kind             TEXT NOT NULL,
  target_sid       TEXT,
  url              TEXT,
  method           TEXT NOT NULL,
  status           TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER,
  last_status_code INTEGER,
  last_error       TEXT,
  last_latency_ms  INTEGER,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(lane, seq) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_account ON webhook_deliveries(account_sid, seq);

-- Every attempt of a delivery, for the delivery history API.
CREATE TABLE webhook_attempts (
  delivery_seq  INTEGER NOT NULL REFERENCES webhook_deliveries(seq) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  status_code   INTEGER,
  error         TEXT,
  latency_ms    INTEGER NOT NULL,
  date_created  INTEGER NOT NULL,
  PRIMARY KEY (delivery_seq, number)
);
