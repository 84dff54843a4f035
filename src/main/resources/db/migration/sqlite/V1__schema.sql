-- Parley's schema. Every table has a monotonically increasing seq for keyset paging and a
-- 34-character Twilio SID. Instants are epoch milliseconds; JSON values are TEXT.

CREATE TABLE accounts (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  owner_account_sid TEXT REFERENCES accounts(sid),
  friendly_name    TEXT NOT NULL,
  status           TEXT NOT NULL,
  auth_token       TEXT NOT NULL,           -- encrypted under the server key
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL
);
CREATE INDEX accounts_owner ON accounts(owner_account_sid, seq);

CREATE TABLE api_keys (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  account_sid      TEXT NOT NULL REFERENCES accounts(sid),
  friendly_name    TEXT,
  secret           TEXT NOT NULL,           -- encrypted under the server key
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL
);
CREATE INDEX api_keys_account ON api_keys(account_sid, seq);

CREATE TABLE account_configurations (
  account_sid                   TEXT PRIMARY KEY REFERENCES accounts(sid),
  default_chat_service_sid      TEXT NOT NULL,
  default_messaging_service_sid TEXT,
  default_inactive_timer        TEXT,
  default_closed_timer          TEXT,
  pre_webhook_url               TEXT,
  post_webhook_url              TEXT,
  webhook_method                TEXT NOT NULL DEFAULT 'POST',
  webhook_filters               TEXT NOT NULL DEFAULT '[]',
  webhook_target                TEXT NOT NULL DEFAULT 'webhook'
);

CREATE TABLE services (
  seq                                  INTEGER PRIMARY KEY AUTOINCREMENT,
  sid                                  TEXT NOT NULL UNIQUE,
  account_sid                          TEXT NOT NULL REFERENCES accounts(sid),
  friendly_name                        TEXT NOT NULL,
  default_conversation_creator_role_sid TEXT,
  default_conversation_role_sid        TEXT,
  default_chat_service_role_sid        TEXT,
  reachability_enabled                 INTEGER NOT NULL DEFAULT 0,
  notifications                        TEXT NOT NULL DEFAULT '{}',
  pre_webhook_url                      TEXT,
  post_webhook_url                     TEXT,
  webhook_method                       TEXT,
  webhook_filters                      TEXT NOT NULL DEFAULT '[]',
  date_created                         INTEGER NOT NULL,
  date_updated                         INTEGER NOT NULL
);
CREATE INDEX services_account ON services(account_sid, seq);

CREATE TABLE roles (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  account_sid      TEXT NOT NULL,
  service_sid      TEXT NOT NULL REFERENCES services(sid) ON DELETE CASCADE,
  friendly_name    TEXT NOT NULL,
  type             TEXT NOT NULL,
  permissions      TEXT NOT NULL,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL
);
CREATE INDEX roles_service ON roles(service_sid, seq);

CREATE TABLE users (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  account_sid      TEXT NOT NULL,
  service_sid      TEXT NOT NULL REFERENCES services(sid) ON DELETE CASCADE,
  identity         TEXT NOT NULL,
  friendly_name    TEXT,
  attributes       TEXT NOT NULL DEFAULT '{}',
  role_sid         TEXT,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL,
  UNIQUE (service_sid, identity)
);
CREATE INDEX users_service ON users(service_sid, seq);

CREATE TABLE conversations (
  seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
  sid                   TEXT NOT NULL UNIQUE,
  account_sid           TEXT NOT NULL,
  service_sid           TEXT NOT NULL REFERENCES services(sid) ON DELETE CASCADE,
  messaging_service_sid TEXT,
  friendly_name         TEXT,
  unique_name           TEXT,
  attributes            TEXT NOT NULL DEFAULT '{}',
  state                 TEXT NOT NULL,
  timer_inactive        TEXT,
  timer_closed          TEXT,
  date_inactive         INTEGER,
  date_closed           INTEGER,
  bindings              TEXT NOT NULL DEFAULT '{}',
  created_by            TEXT,
  last_message_index    INTEGER NOT NULL DEFAULT -1,
  date_created          INTEGER NOT NULL,
  date_updated          INTEGER NOT NULL,
  UNIQUE (service_sid, unique_name)
);
CREATE INDEX conversations_service ON conversations(service_sid, seq);
CREATE INDEX conversations_service_created ON conversations(service_sid, date_created, seq);

CREATE TABLE participants (
  seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
  sid                     TEXT NOT NULL UNIQUE,
  account_sid             TEXT NOT NULL,
  service_sid             TEXT NOT NULL,
  conversation_sid        TEXT NOT NULL REFERENCES conversations(sid) ON DELETE CASCADE,
  identity                TEXT,
  attributes              TEXT NOT NULL DEFAULT '{}',
  messaging_binding       TEXT,
  role_sid                TEXT,
  last_read_message_index INTEGER,
  last_read_timestamp     TEXT,
  notification_level      TEXT NOT NULL DEFAULT 'default',
  date_created            INTEGER NOT NULL,
  date_updated            INTEGER NOT NULL,
  UNIQUE (conversation_sid, identity)
);
CREATE INDEX participants_conversation ON participants(conversation_sid, seq);
CREATE INDEX participants_identity ON participants(service_sid, identity, seq);

CREATE TABLE messages (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  account_sid      TEXT NOT NULL,
  service_sid      TEXT NOT NULL,
  conversation_sid TEXT NOT NULL REFERENCES conversations(sid) ON DELETE CASCADE,
  idx              INTEGER NOT NULL,
  author           TEXT NOT NULL,
  body             TEXT,
  attributes       TEXT NOT NULL DEFAULT '{}',
  participant_sid  TEXT,
  media            TEXT,
  content_sid      TEXT,
  subject          TEXT,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER,
  UNIQUE (conversation_sid, idx)
);

CREATE TABLE delivery_receipts (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  sid                 TEXT NOT NULL UNIQUE,
  account_sid         TEXT NOT NULL,
  service_sid         TEXT NOT NULL,
  conversation_sid    TEXT NOT NULL,
  message_sid         TEXT NOT NULL REFERENCES messages(sid) ON DELETE CASCADE,
  participant_sid     TEXT,
  channel_message_sid TEXT,
  status              TEXT NOT NULL,
  error_code          INTEGER NOT NULL DEFAULT 0,
  date_created        INTEGER NOT NULL,
  date_updated        INTEGER NOT NULL
);
CREATE INDEX delivery_receipts_message ON delivery_receipts(message_sid, seq);

CREATE TABLE conversation_webhooks (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  account_sid      TEXT NOT NULL,
  service_sid      TEXT NOT NULL,
  conversation_sid TEXT NOT NULL REFERENCES conversations(sid) ON DELETE CASCADE,
  target           TEXT NOT NULL,
  url              TEXT,
  method           TEXT,
  filters          TEXT NOT NULL DEFAULT '[]',
  triggers         TEXT NOT NULL DEFAULT '[]',
  flow_sid         TEXT,
  replay_after     INTEGER,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL
);
CREATE INDEX conversation_webhooks_conversation ON conversation_webhooks(conversation_sid, seq);

CREATE TABLE address_configurations (
  seq                      INTEGER PRIMARY KEY AUTOINCREMENT,
  sid                      TEXT NOT NULL UNIQUE,
  account_sid              TEXT NOT NULL REFERENCES accounts(sid),
  type                     TEXT NOT NULL,
  address                  TEXT NOT NULL,
  friendly_name            TEXT,
  address_country          TEXT,
  auto_creation_enabled    INTEGER NOT NULL DEFAULT 0,
  auto_creation_type       TEXT,
  auto_creation_service_sid TEXT,
  webhook_url              TEXT,
  webhook_method           TEXT,
  webhook_filters          TEXT NOT NULL DEFAULT '[]',
  studio_flow_sid          TEXT,
  studio_retry_count       INTEGER,
  date_created             INTEGER NOT NULL,
  date_updated             INTEGER NOT NULL,
  UNIQUE (account_sid, address)
);
CREATE INDEX address_configurations_account ON address_configurations(account_sid, seq);

CREATE TABLE flex_flows (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  sid                 TEXT NOT NULL UNIQUE,
  account_sid         TEXT NOT NULL REFERENCES accounts(sid),
  friendly_name       TEXT NOT NULL,
  chat_service_sid    TEXT NOT NULL,
  channel_type        TEXT NOT NULL,
  contact_identity    TEXT,
  enabled             INTEGER NOT NULL DEFAULT 1,
  integration_type    TEXT,
  integration         TEXT NOT NULL DEFAULT '{}',
  long_lived          INTEGER NOT NULL DEFAULT 0,
  janitor_enabled     INTEGER NOT NULL DEFAULT 0,
  date_created        INTEGER NOT NULL,
  date_updated        INTEGER NOT NULL,
  UNIQUE (account_sid, friendly_name)
);

CREATE TABLE web_channels (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE REFERENCES conversations(sid) ON DELETE CASCADE,
  account_sid      TEXT NOT NULL,
  flex_flow_sid    TEXT NOT NULL,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL
);
CREATE INDEX web_channels_account ON web_channels(account_sid, seq);
