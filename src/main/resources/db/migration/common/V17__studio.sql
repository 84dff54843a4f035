-- Studio (docs/studio.md): flows, their revisions, executions and steps. A flow row holds its
-- latest revision; every create and update that changes it adds a studio_revisions row, and an
-- execution keeps the revision it started on. test_users (a JSON array of identities) run the
-- latest revision, draft or not, when they message a conversation the flow is attached to. Definitions and contexts are JSON text.
CREATE TABLE studio_flows (
  seq            ${seq_pk},
  sid            TEXT NOT NULL UNIQUE,
  account_sid    TEXT NOT NULL,
  friendly_name  TEXT NOT NULL,
  status         TEXT NOT NULL,
  revision       ${bigint} NOT NULL,
  published      ${bigint},
  test_users     TEXT NOT NULL DEFAULT '[]',
  date_created   ${bigint} NOT NULL,
  date_updated   ${bigint} NOT NULL
);
CREATE INDEX studio_flows_account ON studio_flows(account_sid, seq);

CREATE TABLE studio_revisions (
  seq            ${seq_pk},
  flow_sid       TEXT NOT NULL REFERENCES studio_flows(sid) ON DELETE CASCADE,
  revision       ${bigint} NOT NULL,
  friendly_name  TEXT NOT NULL,
  status         TEXT NOT NULL,
  definition     TEXT NOT NULL,
  commit_message TEXT,
  valid          ${boolean} NOT NULL,
  errors         TEXT NOT NULL,
  warnings       TEXT NOT NULL,
  date_created   ${bigint} NOT NULL,
  date_updated   ${bigint},
  UNIQUE (flow_sid, revision)
);

-- An execution runs one revision. conversation_sid is set for a chat trigger; at most one active
-- execution per conversation and flow (as on Twilio). waiting names the widget waiting for a
-- reply, wait_until when its timeout fires (the timer sweep reads it).
CREATE TABLE studio_executions (
  seq                     ${seq_pk},
  sid                     TEXT NOT NULL UNIQUE,
  account_sid             TEXT NOT NULL,
  flow_sid                TEXT NOT NULL REFERENCES studio_flows(sid) ON DELETE CASCADE,
  revision                ${bigint} NOT NULL,
  contact_channel_address TEXT,
  service_sid             TEXT,
  conversation_sid        TEXT,
  status                  TEXT NOT NULL,
  context                 TEXT NOT NULL,
  waiting                 TEXT,
  wait_until              ${bigint},
  date_created            ${bigint} NOT NULL,
  date_updated            ${bigint}
);
CREATE INDEX studio_executions_flow ON studio_executions(flow_sid, seq);
CREATE UNIQUE INDEX studio_executions_active ON studio_executions(conversation_sid, flow_sid)
  WHERE status = 'active' AND conversation_sid IS NOT NULL;
CREATE INDEX studio_executions_conversation ON studio_executions(conversation_sid);
CREATE INDEX studio_executions_wait ON studio_executions(wait_until) WHERE wait_until IS NOT NULL;

CREATE TABLE studio_steps (
  seq               ${seq_pk},
  sid               TEXT NOT NULL UNIQUE,
  execution_sid     TEXT NOT NULL REFERENCES studio_executions(sid) ON DELETE CASCADE,
  parent_step_sid   TEXT,
  name              TEXT NOT NULL,
  context           TEXT NOT NULL,
  transitioned_from TEXT NOT NULL,
  transitioned_to   TEXT NOT NULL,
  date_created      ${bigint} NOT NULL,
  date_updated      ${bigint}
);
CREATE INDEX studio_steps_execution ON studio_steps(execution_sid, seq);
