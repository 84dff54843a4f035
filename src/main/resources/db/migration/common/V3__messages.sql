-- ContentVariables of a templated message (POST .../Messages with ContentSid): kept so a future
-- Content service can render the template; JSON text, null when not sent.
ALTER TABLE messages ADD COLUMN content_variables TEXT;
