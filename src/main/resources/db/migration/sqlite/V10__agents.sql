-- Agents of an account (README "Agent console"): who may log into /console. Each is also a
-- Conversations user of the account's default service with the same identity. password_hash is
-- an Argon2id string in the PHC format ($argon2id$v=19$m=…,t=…,p=…$salt$hash), never the password.
CREATE TABLE agents (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  sid            TEXT NOT NULL UNIQUE,
  account_sid    TEXT NOT NULL REFERENCES accounts(sid),
  identity       TEXT NOT NULL,
  friendly_name  TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  date_created   INTEGER NOT NULL,
  date_updated   INTEGER NOT NULL,
  UNIQUE (account_sid, identity)
);
CREATE INDEX agents_identity ON agents(identity);

-- Console log-ins. The cookie holds a random token; only its SHA-256 is kept, so the database
-- alone cannot be used to take over a session. csrf_token must come back on every change.
CREATE TABLE console_sessions (
  token_hash     TEXT PRIMARY KEY,
  agent_sid      TEXT NOT NULL REFERENCES agents(sid) ON DELETE CASCADE,
  csrf_token     TEXT NOT NULL,
  date_created   INTEGER NOT NULL,
  date_expires   INTEGER NOT NULL
);
CREATE INDEX console_sessions_agent ON console_sessions(agent_sid);
CREATE INDEX console_sessions_expires ON console_sessions(date_expires);

-- The internal API key (a row of api_keys) that signs an account's agent tokens: not the guest
-- key, since the realtime endpoint grants a guest's token less.
CREATE TABLE console_keys (
  account_sid    TEXT PRIMARY KEY REFERENCES accounts(sid),
  key_sid        TEXT NOT NULL
);
