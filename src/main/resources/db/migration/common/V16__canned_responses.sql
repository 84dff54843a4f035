-- Canned responses (docs/console.md): an account's saved replies, which agents insert in the
-- console's reply box by typing "/" and their short code. The short code is unique per account.
CREATE TABLE canned_responses (
  seq          ${seq_pk},
  sid          TEXT NOT NULL UNIQUE,
  account_sid  TEXT NOT NULL REFERENCES accounts(sid),
  short_code   TEXT NOT NULL,
  body         TEXT NOT NULL,
  date_created ${bigint} NOT NULL,
  date_updated ${bigint} NOT NULL,
  UNIQUE (account_sid, short_code)
);
