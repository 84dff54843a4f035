-- Every placeholder of MigrationSet in use, as a common/ migration would: applied on both engines
-- by MigrationsTest and SchemaParityTest.
CREATE TABLE placeholder_rows (
  seq      ${seq_pk},
  number   ${bigint} NOT NULL,
  off_flag ${boolean} NOT NULL DEFAULT ${false},
  on_flag  ${boolean} NOT NULL DEFAULT ${true},
  item_key ${key_text} NOT NULL UNIQUE
);
CREATE TABLE placeholder_keyed (
  item_key ${key_text} PRIMARY KEY,
  data     TEXT
) ${without_rowid};
INSERT INTO placeholder_rows (number, item_key) VALUES (9007199254740993, 'b'), (1, 'B'), (2, 'a');
INSERT INTO placeholder_keyed (item_key, data) VALUES ('b', 'x');
