-- Attempts made before the delivery's last replay: a replayed delivery gets a fresh retry budget
-- while its attempt numbers (and the RetryCount it sends) keep counting.
ALTER TABLE webhook_deliveries ADD COLUMN attempts_before_replay BIGINT NOT NULL DEFAULT 0;

-- The history API's ConversationSid filter: a conversation's events (events_conversation), then
-- their deliveries.
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_seq);
