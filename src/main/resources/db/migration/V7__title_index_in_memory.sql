-- Near-identical titles are now looked up in memory (TitleIndex, rebuilt from the papers' and
-- their research sightings' titles at start); the table of MinHash keys is no longer written or
-- read. Papers are read by publication time to rebuild that index and to match items older than
-- it reaches. Portable SQL (H2 and PostgreSQL).
DROP TABLE paper_title_tokens;
CREATE INDEX papers_published_at ON papers (published_at);
