-- Polite polling. next_attempt_at: a failing source is not fetched before this time (the
-- server's Retry-After, or exponential back-off); NULL means no wait. consecutive_not_found:
-- 404/410 answers in a row (the poller pauses the source after a few). last_status: the HTTP
-- status of the last poll (0 when no answer came).
ALTER TABLE sources ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sources ADD COLUMN consecutive_not_found INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sources ADD COLUMN last_status INTEGER;
