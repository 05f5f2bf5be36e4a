-- Ranking (issue 4): what the draft's candidates carry beyond score and reasons, the stories grouped
-- into one news candidate, and the related works of each selected paper.
-- Portable SQL (H2 and PostgreSQL).

-- Non-null when the paper looks like it introduces a dataset or benchmark (the detector's reason);
-- tldr is the one-sentence TL;DR proposed for the Datasets & Benchmarks list.
ALTER TABLE candidates ADD COLUMN dataset_reason VARCHAR(200);
ALTER TABLE candidates ADD COLUMN tldr VARCHAR(1000);

-- A news candidate is one event: its lead story is candidates.item_id, the other stories about the
-- same event (other outlets, follow-ups within a few days) are listed here.
CREATE TABLE candidate_stories (
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id),
    item_id       BIGINT NOT NULL REFERENCES items (id),
    PRIMARY KEY (candidate_id, item_id)
);
CREATE INDEX candidate_stories_item ON candidate_stories (item_id);

-- Up to three related papers shown under a selected research paper, suggested by similarity and
-- editable (added_by is the editor who added one by hand, NULL for a suggestion).
CREATE TABLE related_works (
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id),
    paper_id      BIGINT NOT NULL REFERENCES papers (id),
    position      INTEGER NOT NULL,
    added_by      VARCHAR(200),
    PRIMARY KEY (candidate_id, paper_id)
);
-- TRUE once related works were suggested for the selection, so an editor's removals stick.
ALTER TABLE selections ADD COLUMN related_suggested BOOLEAN DEFAULT FALSE NOT NULL;
