-- A web chat's participant has no binding address and its conversation no unique name, and a
-- PostgreSQL b-tree indexes NULLs: both indexes took an entry for every web chat that no query can
-- find (each looks its key up by equality, which a NULL never matches). Index only the rows that
-- have the key; the unique name stays unique per service.
DROP INDEX participants_address;
CREATE INDEX participants_address ON participants(service_sid, binding_address, seq)
  WHERE binding_address IS NOT NULL;
ALTER TABLE conversations DROP CONSTRAINT conversations_service_sid_unique_name_key;
CREATE UNIQUE INDEX conversations_unique_name ON conversations(service_sid, unique_name)
  WHERE unique_name IS NOT NULL;
