-- A source can be paused without a restart: by an editor, or automatically after repeated
-- 404/410 answers. NULL means active. The configured switch stays in sources.enabled.
ALTER TABLE sources ADD COLUMN paused_reason VARCHAR(500);
ALTER TABLE sources ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
