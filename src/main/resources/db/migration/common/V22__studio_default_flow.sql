-- The default "Webchat Flow" (docs/studio.md): one row per account once Parley has created the
-- flow a new Flex account gets and pointed the default chat address at it. The row outlives the
-- flow, so the set-up runs once per account and never again: a user who deleted the flow, or
-- pointed the address elsewhere, does not get it back at the next start.
CREATE TABLE studio_default_flows (
  account_sid    TEXT NOT NULL PRIMARY KEY,
  flow_sid       TEXT,
  date_created   ${bigint} NOT NULL
);

-- A revision whose trigger hands a conversation's first message straight to Send to Flex (as the
-- Webchat Flow does) holds a chat for nothing: the console lists such a chat as waiting from its
-- creation, as it did before the default flow existed. Revisions saved before stay false.
ALTER TABLE studio_revisions ADD COLUMN hands_over ${boolean} NOT NULL DEFAULT FALSE;
