-- A paper keeps, beside its merged metadata, which sighting won each field and which sources saw
-- it (PaperMetadata.Merge): a new sighting is then merged from the paper row alone instead of
-- reading every sighting back. NULL (papers written before this migration, or a state too long to
-- keep) means "work it out again from the sightings", which the paper's next sighting does, and
-- then stores one. Portable SQL (H2 and PostgreSQL).
ALTER TABLE papers ADD COLUMN merge_state VARCHAR(8000);
