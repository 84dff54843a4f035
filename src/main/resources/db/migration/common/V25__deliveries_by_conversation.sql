-- The delivery history's ConversationSid filter reads the deliveries' own conversation, not the
-- events': events_conversation served that filter alone, and every event (each message post's
-- among them) paid an index entry for it. A delivery is written only where a webhook listens, so
-- its index costs a post with no webhook nothing.
ALTER TABLE webhook_deliveries ADD COLUMN conversation_sid TEXT;

UPDATE webhook_deliveries
SET conversation_sid = (SELECT e.conversation_sid FROM events e WHERE e.seq = webhook_deliveries.event_seq);

CREATE INDEX webhook_deliveries_conversation ON webhook_deliveries(account_sid, conversation_sid, seq)
  WHERE conversation_sid IS NOT NULL;

DROP INDEX events_conversation;
