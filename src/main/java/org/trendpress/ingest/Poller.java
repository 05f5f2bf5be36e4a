package org.trendpress.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.Kind;
import org.trendpress.classify.RuleClassifier;

/**
 * Polls sources: fetch (conditionally), parse, normalise, classify, store each item once, and
 * merge sightings of a work into one Paper. One failing source is recorded and never stops the
 * others.
 */
public final class Poller {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    /** What one poll of one source did. */
    public record SourceResult(String sourceId, boolean ok, boolean notModified, int seen, int added, String error) {}

    /** What one poll cycle did. */
    public record Report(List<SourceResult> sources) {
        public int added() {
            return sources.stream().mapToInt(SourceResult::added).sum();
        }

        public long failed() {
            return sources.stream().filter(s -> !s.ok()).count();
        }

        @Override
        public String toString() {
            return sources.size() + " sources polled, " + added() + " new items, " + failed() + " failed";
        }
    }

    private final List<SourceConfig> sources;
    private final SourceStore store;
    private final ItemStore items = new ItemStore();
    private final Fetcher fetcher;
    private final Connectors connectors = new Connectors();
    private final RuleClassifier classifier;
    private final Jdbi jdbi;
    private final Clock clock;

    public Poller(List<SourceConfig> sources, Jdbi jdbi, Fetcher fetcher, RuleClassifier classifier, Clock clock) {
        this.sources = List.copyOf(sources);
        this.jdbi = jdbi;
        this.store = new SourceStore(jdbi);
        this.fetcher = fetcher;
        this.classifier = classifier;
        this.clock = clock;
        store.syncSources(this.sources);
    }

    public List<SourceConfig> sources() {
        return sources;
    }

    /** Polls every enabled source once. */
    public Report pollAll() {
        List<SourceResult> results = new ArrayList<>();
        for (SourceConfig s : sources) {
            results.add(poll(s));
        }
        Report report = new Report(results);
        LOG.info("ingest.poll.done sources={} added={} failed={}", results.size(), report.added(), report.failed());
        return report;
    }

    /**
     * Polls the sources that are due: never polled yet, or whose own Quartz cron schedule has a
     * fire time between their last poll and now.
     */
    public Report pollDue() {
        Instant now = clock.instant();
        List<SourceResult> results = new ArrayList<>();
        for (SourceConfig s : sources) {
            if (isDue(s, store.lastPolled(s.id()).orElse(null), now)) {
                results.add(poll(s));
            }
        }
        Report report = new Report(results);
        if (!results.isEmpty()) {
            LOG.info("ingest.poll.done sources={} added={} failed={}", results.size(), report.added(), report.failed());
        }
        return report;
    }

    static boolean isDue(SourceConfig s, Instant lastPolled, Instant now) {
        if (lastPolled == null) {
            return true;
        }
        String cron = s.schedule() == null || s.schedule().isBlank() ? "0 0 * * * ?" : s.schedule();
        try {
            org.quartz.CronExpression expr = new org.quartz.CronExpression(cron);
            expr.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            java.util.Date next = expr.getNextValidTimeAfter(java.util.Date.from(lastPolled));
            return next != null && !next.toInstant().isAfter(now);
        } catch (java.text.ParseException e) {
            throw new IngestException("source " + s.id() + ": invalid schedule '" + cron + "': " + e.getMessage());
        }
    }

    /** Polls one source by id. */
    public SourceResult poll(String sourceId) {
        return sources.stream().filter(s -> s.id().equals(sourceId)).findFirst()
                .map(this::poll)
                .orElseThrow(() -> new IngestException("no such source: " + sourceId));
    }

    SourceResult poll(SourceConfig source) {
        Instant now = clock.instant();
        Optional<SourceStore.SourceState> state = store.state(source.id());
        if (state.isPresent() && !state.get().enabled()) {
            return new SourceResult(source.id(), true, false, 0, 0, "disabled");
        }
        try {
            Fetcher.Result fetched = fetcher.fetch(source.url(),
                    state.map(SourceStore.SourceState::etag).orElse(null),
                    state.map(SourceStore.SourceState::lastModified).orElse(null));
            if (fetched.notModified()) {
                store.recordSuccess(source.id(), now, 0, fetched.etag(), fetched.lastModified());
                LOG.info("ingest.source.unchanged source={}", source.id());
                return new SourceResult(source.id(), true, true, 0, 0, null);
            }
            ParsedFeed feed = connectors.forType(source.type()).parse(source.id(), fetched.body(), fetched.contentType());
            int added = jdbi.inTransaction(h -> {
                int n = 0;
                for (Item item : feed.items()) {
                    RuleClassifier.Decision d = classifier.classify(item.title(), item.summaryText(),
                            item.arxivId(), item.doi(), withMain(item), source.kindHint());
                    if (items.save(h, item, d.kind().code(), d.reason(), d.kind() == Kind.RESEARCH, now)) {
                        n++;
                    }
                }
                return n;
            });
            store.recordSuccess(source.id(), now, feed.items().size(), fetched.etag(), fetched.lastModified());
            LOG.info("ingest.source.polled source={} items={} added={}", source.id(), feed.items().size(), added);
            return new SourceResult(source.id(), true, false, feed.items().size(), added, null);
        } catch (RuntimeException e) {
            String reason = e instanceof IngestException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + FeedParser.oneLine(e.getMessage());
            store.recordFailure(source.id(), now, reason);
            LOG.warn("ingest.source.failed source={} error=\"{}\"", source.id(), reason);
            return new SourceResult(source.id(), false, false, 0, 0, reason);
        }
    }

    private static List<String> withMain(Item item) {
        List<String> all = new ArrayList<>();
        if (item.url() != null) {
            all.add(item.url());
        }
        all.addAll(item.links());
        return all;
    }
}
