-- Version 12 rebuilt SQLite's Sync tables WITHOUT ROWID (one b-tree per table instead of two).
-- PostgreSQL's tables are heaps with their indexes either way: nothing to change here, and the
-- version is kept so that both engines' schemas carry the same numbers.
SELECT 1;
