package org.trendpress.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The database side of Sources: their configured fields, HTTP validators and health. Anything
 * outside {@code ingest} reads health through {@link #health()}.
 */
public final class SourceStore {

    private final Jdbi jdbi;

    public SourceStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * What the poller needs before polling: {@code enabled} is false when paused or switched off,
     * {@code nextAttemptAt} is set while backing off.
     */
    record SourceState(String id, boolean enabled, String etag, String lastModified, Instant lastPolledAt,
            Instant nextAttemptAt) {}

    /** Failure counts after recording one more failure. */
    record Failures(int consecutive, int notFoundInARow) {}

    /**
     * Inserts or updates the configured fields of each source; keeps its polling state (validators,
     * health, back-off and a pause). Sources no longer listed are marked disabled.
     */
    void syncSources(List<SourceConfig> sources) {
        jdbi.useTransaction(h -> {
            if (sources.isEmpty()) {
                h.createUpdate("UPDATE sources SET enabled=FALSE WHERE type <> 'page'").execute();
            } else {
                h.createUpdate("UPDATE sources SET enabled=FALSE WHERE type <> 'page' AND id NOT IN (<ids>)")
                        .bindList("ids", sources.stream().map(SourceConfig::id).toList()).execute();
            }
            for (SourceConfig s : sources) {
                int updated = h.createUpdate("UPDATE sources SET type=:type, url=:url, name=:name, kind_hint=:kind,"
                                + " weight=:weight, enabled=:enabled WHERE id=:id")
                        .bind("id", s.id()).bind("type", s.type()).bind("url", s.url()).bind("name", s.name())
                        .bind("kind", s.kindHint()).bind("weight", s.weight()).bind("enabled", s.enabled())
                        .execute();
                if (updated == 0) {
                    h.createUpdate("INSERT INTO sources (id, type, url, name, kind_hint, weight, enabled)"
                                    + " VALUES (:id, :type, :url, :name, :kind, :weight, :enabled)")
                            .bind("id", s.id()).bind("type", s.type()).bind("url", s.url()).bind("name", s.name())
                            .bind("kind", s.kindHint()).bind("weight", s.weight()).bind("enabled", s.enabled())
                            .execute();
                }
            }
        });
    }

    Optional<SourceState> state(String sourceId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, enabled, paused_reason, etag, last_modified, last_polled_at, next_attempt_at"
                                + " FROM sources WHERE id = :id")
                .bind("id", sourceId)
                .map((rs, ctx) -> new SourceState(rs.getString("id"),
                        rs.getBoolean("enabled") && rs.getString("paused_reason") == null,
                        rs.getString("etag"), rs.getString("last_modified"),
                        instant(rs.getObject("last_polled_at", OffsetDateTime.class)),
                        instant(rs.getObject("next_attempt_at", OffsetDateTime.class))))
                .findOne());
    }

    Optional<Instant> lastPolled(String sourceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_polled_at FROM sources WHERE id = :id")
                .bind("id", sourceId).mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
    }

    void recordSuccess(String sourceId, Instant at, int items, String etag, String lastModified) {
        recordSuccess(sourceId, at, items, etag, lastModified, 200);
    }

    /** A poll succeeded (status 200 or 304): clears the failure counts and any back-off. */
    void recordSuccess(String sourceId, Instant at, int items, String etag, String lastModified, int status) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sources SET last_polled_at=:at, last_success_at=:at,"
                        + " consecutive_failures=0, consecutive_not_found=0, next_attempt_at=NULL, last_status=:st,"
                        + " last_item_count=:n, etag=:etag, last_modified=:lm WHERE id=:id")
                .bind("id", sourceId).bind("at", utc(at)).bind("n", items).bind("etag", etag)
                .bind("lm", lastModified).bind("st", status).execute());
    }

    void recordFailure(String sourceId, Instant at, String error) {
        recordFailure(sourceId, at, error, 0);
    }

    /**
     * A poll failed: records the reason and status, counts the failure (and the 404/410 answers in
     * a row), and returns the counts after this failure.
     */
    Failures recordFailure(String sourceId, Instant at, String error, int status) {
        boolean notFound = status == 404 || status == 410;
        String err = error == null || error.isBlank() ? "unknown error" : error;
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE sources SET last_polled_at=:at, last_error_at=:at, last_error=:err, last_status=:st,"
                            + " consecutive_failures=consecutive_failures+1,"
                            + " consecutive_not_found=" + (notFound ? "consecutive_not_found+1" : "0") + " WHERE id=:id")
                    .bind("id", sourceId).bind("at", utc(at)).bind("st", status)
                    .bind("err", err.length() > 2000 ? err.substring(0, 2000) : err).execute();
            return h.createQuery("SELECT consecutive_failures, consecutive_not_found FROM sources WHERE id=:id")
                    .bind("id", sourceId)
                    .map((rs, ctx) -> new Failures(rs.getInt(1), rs.getInt(2)))
                    .findOne().orElse(new Failures(0, 0));
        });
    }

    /** The source is not fetched before {@code at} (null clears the wait). */
    void scheduleNextAttempt(String sourceId, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sources SET next_attempt_at=:t WHERE id=:id")
                .bind("id", sourceId).bind("t", utc(at)).execute());
    }

    /**
     * Makes sure the pseudo-source that hand-submitted URLs are stored under exists. It has type
     * {@code page}, is never polled and is left alone when sources.yaml is re-read.
     */
    void ensureSubmittedSource(String id, String name) {
        jdbi.useHandle(h -> {
            boolean exists = h.createQuery("SELECT 1 FROM sources WHERE id=:id").bind("id", id)
                    .mapTo(Integer.class).findOne().isPresent();
            if (!exists) {
                h.createUpdate("INSERT INTO sources (id, type, url, name, kind_hint, weight, enabled)"
                                + " VALUES (:id, 'page', 'submitted:', :name, 'mixed', 1.0, TRUE)")
                        .bind("id", id).bind("name", name).execute();
            }
        });
    }

    /**
     * Pauses a source without a restart: it is not polled until {@link #resume}. Returns false when
     * no such source is known.
     */
    public boolean pause(String sourceId, String reason, Instant at) {
        String why = reason == null || reason.isBlank() ? "paused" : reason.strip();
        return jdbi.withHandle(h -> h.createUpdate("UPDATE sources SET paused_reason=:r, paused_at=:at WHERE id=:id")
                .bind("id", sourceId).bind("r", why.length() > 500 ? why.substring(0, 500) : why)
                .bind("at", utc(at)).execute()) > 0;
    }

    /**
     * Resumes a paused source and clears its failure counts and back-off. Returns false when no
     * such source is known.
     */
    public boolean resume(String sourceId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE sources SET paused_reason=NULL, paused_at=NULL,"
                        + " consecutive_failures=0, consecutive_not_found=0, next_attempt_at=NULL WHERE id=:id")
                .bind("id", sourceId).execute()) > 0;
    }

    /**
     * One Source's health as operators see it. {@code enabled} is the switch in sources.yaml;
     * {@code pausedReason} is set while an editor or the poller has paused it (null when active).
     * {@code nextAttemptAt} is set while the source backs off after failures or a Retry-After
     * (null: polled on its schedule); {@code lastStatus} is the HTTP status of the last poll (0 when
     * no answer came or the body could not be parsed,
     * 200 for a file: source, null before the first poll).
     */
    public record SourceHealth(String id, String name, String type, String url, boolean enabled, String pausedReason,
            Instant lastPolledAt, Instant lastSuccessAt, Instant lastErrorAt, String lastError, int itemsLastPoll,
            int consecutiveFailures, Instant nextAttemptAt, Integer lastStatus) {}

    /** Every known source's health, ordered by id. */
    public List<SourceHealth> health() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, type, url, enabled, paused_reason, last_polled_at,"
                        + " last_success_at, last_error_at, last_error, last_item_count, consecutive_failures,"
                        + " next_attempt_at, last_status FROM sources ORDER BY id")
                .map((rs, ctx) -> new SourceHealth(rs.getString("id"), rs.getString("name"), rs.getString("type"),
                        rs.getString("url"), rs.getBoolean("enabled"), rs.getString("paused_reason"), instant(rs.getObject("last_polled_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_success_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_error_at", OffsetDateTime.class)), rs.getString("last_error"),
                        rs.getInt("last_item_count"), rs.getInt("consecutive_failures"),
                        instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                        (Integer) rs.getObject("last_status", Integer.class)))
                .list());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
