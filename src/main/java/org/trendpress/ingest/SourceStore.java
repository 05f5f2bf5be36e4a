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

    record SourceState(String id, boolean enabled, String etag, String lastModified) {}

    /** Inserts or updates the configured fields of each source; keeps its polling state. */
    void syncSources(List<SourceConfig> sources) {
        jdbi.useTransaction(h -> {
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
                        "SELECT id, enabled, paused_reason, etag, last_modified FROM sources WHERE id = :id")
                .bind("id", sourceId)
                .map((rs, ctx) -> new SourceState(rs.getString("id"),
                        rs.getBoolean("enabled") && rs.getString("paused_reason") == null,
                        rs.getString("etag"), rs.getString("last_modified")))
                .findOne());
    }

    Optional<Instant> lastPolled(String sourceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_polled_at FROM sources WHERE id = :id")
                .bind("id", sourceId).mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
    }

    void recordSuccess(String sourceId, Instant at, int items, String etag, String lastModified) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sources SET last_polled_at=:at, last_success_at=:at,"
                        + " consecutive_failures=0, last_item_count=:n, etag=:etag, last_modified=:lm WHERE id=:id")
                .bind("id", sourceId).bind("at", utc(at)).bind("n", items).bind("etag", etag)
                .bind("lm", lastModified).execute());
    }

    void recordFailure(String sourceId, Instant at, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sources SET last_polled_at=:at, last_error_at=:at,"
                        + " last_error=:err, consecutive_failures=consecutive_failures+1 WHERE id=:id")
                .bind("id", sourceId).bind("at", utc(at))
                .bind("err", error.length() > 2000 ? error.substring(0, 2000) : error).execute());
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

    /** Resumes a paused source and clears its failure count. Returns false when no such source is known. */
    public boolean resume(String sourceId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE sources SET paused_reason=NULL, paused_at=NULL,"
                        + " consecutive_failures=0 WHERE id=:id")
                .bind("id", sourceId).execute()) > 0;
    }

    /**
     * One Source's health as operators see it. {@code enabled} is the switch in sources.yaml;
     * {@code pausedReason} is set while an editor or the poller has paused it (null when active).
     */
    public record SourceHealth(String id, String name, String type, String url, boolean enabled, String pausedReason,
            Instant lastPolledAt, Instant lastSuccessAt, Instant lastErrorAt, String lastError, int itemsLastPoll,
            int consecutiveFailures) {}

    /** Every known source's health, ordered by id. */
    public List<SourceHealth> health() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, type, url, enabled, paused_reason, last_polled_at,"
                        + " last_success_at, last_error_at, last_error, last_item_count, consecutive_failures"
                        + " FROM sources ORDER BY id")
                .map((rs, ctx) -> new SourceHealth(rs.getString("id"), rs.getString("name"), rs.getString("type"),
                        rs.getString("url"), rs.getBoolean("enabled"), rs.getString("paused_reason"), instant(rs.getObject("last_polled_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_success_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_error_at", OffsetDateTime.class)), rs.getString("last_error"),
                        rs.getInt("last_item_count"), rs.getInt("consecutive_failures")))
                .list());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
