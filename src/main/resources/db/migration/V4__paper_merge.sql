-- One Paper per work: what each sighting (item) carried, the best of it on the paper, and an
-- index of title words so near-identical titles can be found without scanning every paper.
-- Portable SQL (H2 and PostgreSQL).

-- Items are the sightings: (source, first seen) of every entry. An entry re-announced by the same
-- source under a new guid (an arXiv 'replace', a digest listing a paper again) is kept as a
-- sighting with repeat_of set to the source's first entry for that work; it feeds the paper's
-- signals but is never a candidate of its own.
ALTER TABLE items ADD COLUMN entry_key VARCHAR(2000);
ALTER TABLE items ADD COLUMN repeat_of BIGINT REFERENCES items (id);
-- 3 = arXiv itself, 2 = other research sources (Hugging Face, lab blogs), 1 = news and the rest
ALTER TABLE items ADD COLUMN source_rank INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE items ADD COLUMN arxiv_version INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE items ADD COLUMN upvotes INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE items ADD COLUMN stars INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE items ADD COLUMN comments INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE items ADD COLUMN code_url VARCHAR(2000);
ALTER TABLE items ADD COLUMN project_url VARCHAR(2000);
ALTER TABLE items ADD COLUMN pdf_url VARCHAR(2000);
ALTER TABLE items ADD COLUMN primary_category VARCHAR(50);
ALTER TABLE items ADD COLUMN categories VARCHAR(1000);
ALTER TABLE items ADD COLUMN arxiv_comment VARCHAR(2000);
ALTER TABLE items ADD COLUMN journal_ref VARCHAR(1000);
UPDATE items SET entry_key = canonical_url, source_rank = CASE WHEN kind = 'research' THEN 2 ELSE 1 END;
CREATE INDEX items_source_entry ON items (source_id, entry_key);
CREATE INDEX items_canonical_url ON items (canonical_url);

-- The best metadata and signals over a paper's sightings.
ALTER TABLE papers ADD COLUMN arxiv_version INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE papers ADD COLUMN comments INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE papers ADD COLUMN pdf_url VARCHAR(2000);
ALTER TABLE papers ADD COLUMN primary_category VARCHAR(50);
ALTER TABLE papers ADD COLUMN categories VARCHAR(1000);
ALTER TABLE papers ADD COLUMN arxiv_comment VARCHAR(2000);
ALTER TABLE papers ADD COLUMN journal_ref VARCHAR(1000);
-- when a new version, title or abstract last changed the paper (NULL: never since first seen)
ALTER TABLE papers ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

-- Significant title words of each paper's research sightings, with the paper's publication time,
-- so a title is matched against the few papers sharing its rarest words within a time window.
CREATE TABLE paper_title_tokens (
    token         VARCHAR(100) NOT NULL,
    paper_id      BIGINT NOT NULL REFERENCES papers (id),
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (token, paper_id)
);
CREATE INDEX paper_title_tokens_window ON paper_title_tokens (token, published_at);
CREATE INDEX paper_title_tokens_paper ON paper_title_tokens (paper_id);
