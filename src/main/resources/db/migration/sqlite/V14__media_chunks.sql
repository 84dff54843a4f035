-- Nothing to do: the embedded store keeps media bytes as files in <data-dir>/media/ (docs/media.md).
-- PostgreSQL's V14 makes its media_chunks table; this version keeps both engines' sequences alike.
SELECT 1;
