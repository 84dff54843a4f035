-- A participant's messaging-binding addresses as plain columns (the messaging_binding JSON stays
-- the wire form), so ParticipantConversations?Address= is an index lookup and the one-binding-per-
-- address rule (Twilio 50416) needs no JSON functions, which differ between engines.
ALTER TABLE participants ADD COLUMN binding_address TEXT;
ALTER TABLE participants ADD COLUMN binding_proxy_address TEXT;
CREATE INDEX participants_address ON participants(service_sid, binding_address, seq);
