-- Webchat 3 deployments: a public key that browsers present to /v2/Webchat/*, mapped to a chat
-- address configuration. key_hash (SHA-256 hex) finds a deployment by its key; key_sealed is the
-- key under the master key, so the API can show it again while the database alone does not.
CREATE TABLE webchat_deployments (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  sid              TEXT NOT NULL UNIQUE,
  account_sid      TEXT NOT NULL REFERENCES accounts(sid),
  friendly_name    TEXT,
  address_sid      TEXT NOT NULL,
  key_hash         TEXT NOT NULL UNIQUE,
  key_sealed       TEXT NOT NULL,
  allowed_origins  TEXT NOT NULL DEFAULT '[]',
  token_ttl        INTEGER NOT NULL,
  date_created     INTEGER NOT NULL,
  date_updated     INTEGER NOT NULL
);
CREATE INDEX webchat_deployments_account ON webchat_deployments(account_sid, seq);

-- The internal API key (a row of api_keys) that signs an account's Webchat guest tokens.
CREATE TABLE webchat_guest_keys (
  account_sid      TEXT PRIMARY KEY REFERENCES accounts(sid),
  key_sid          TEXT NOT NULL
);

-- Identities Parley gave to Webchat guests: a returning visitor may name only one of these, never
-- an agent's identity.
CREATE TABLE webchat_guests (
  account_sid      TEXT NOT NULL REFERENCES accounts(sid),
  identity         TEXT NOT NULL,
  PRIMARY KEY (account_sid, identity)
);
