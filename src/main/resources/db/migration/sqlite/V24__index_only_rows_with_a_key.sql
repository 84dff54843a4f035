-- As PostgreSQL's V24: a participant without a binding address takes no entry in
-- participants_address. The conversations' UNIQUE (service_sid, unique_name) is part of the
-- table's definition here, which SQLite changes only by rebuilding the table: it stays.
DROP INDEX participants_address;
CREATE INDEX participants_address ON participants(service_sid, binding_address, seq)
  WHERE binding_address IS NOT NULL;
