-- An item's summary (the sanitised HTML and its plain text) moves out of the items row into its own
-- table: the summaries were most of each row, so every items page the store reads back (a paper's
-- sightings when one joins it, a source's guids) carried kilobytes it did not use. The row keeps the
-- plain summary's length (0 when blank), which is all that choosing a paper's summary needs; the
-- chosen text is then read by item id. Items without a summary have no item_texts row.
-- Portable SQL (H2 and PostgreSQL).
CREATE TABLE item_texts (
    item_id       BIGINT PRIMARY KEY REFERENCES items (id),
    summary_html  TEXT,
    summary_text  TEXT
);
INSERT INTO item_texts (item_id, summary_html, summary_text)
    SELECT id, summary_html, summary_text FROM items WHERE summary_html IS NOT NULL OR summary_text IS NOT NULL;
ALTER TABLE items ADD COLUMN summary_chars INTEGER DEFAULT 0 NOT NULL;
UPDATE items SET summary_chars = CHAR_LENGTH(summary_text) WHERE TRIM(summary_text) <> '';
ALTER TABLE items DROP COLUMN summary_html;
ALTER TABLE items DROP COLUMN summary_text;
-- The item whose summary the paper row holds (null until the store next works the paper out): when
-- the same sighting wins again, its text is on the paper row already and is not read again.
ALTER TABLE papers ADD COLUMN summary_item BIGINT;
