-- The timer sweep looks up conversations whose inactive or closed timer is due.
CREATE INDEX conversations_date_inactive ON conversations(date_inactive) WHERE date_inactive IS NOT NULL;
CREATE INDEX conversations_date_closed ON conversations(date_closed) WHERE date_closed IS NOT NULL;
