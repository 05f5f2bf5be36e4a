package org.trendpress.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.ItemClassifier;
import org.trendpress.classify.ItemFeatures;

/**
 * Polls sources: fetch (conditionally), parse, normalise, classify, store each item once, and
 * merge sightings of a work into one Paper. One failing source is recorded and never stops the
 * others.
 *
 * <p>Politeness: sources are fetched in parallel on a bounded pool, except arXiv, whose sources
 * share one lane and one rate limiter (one request per {@link PollSettings#arxivInterval()}, pages
 * included). A 429 or 503 with Retry-After is not fetched again before that time; other failures
 * back off exponentially (the schedule's period, doubled per failure in a row, capped); a source
 * answering 404 or 410 {@link PollSettings#notFoundLimit()} times in a row is paused with a visible
 * reason. Storing is serialised (one source's items at a time), so parallel sources that see the
 * same Paper never race to create it twice.
 *
 * <p>When built with the sources file, the file is read again at the start of a cycle whenever it
 * changed: added sources appear, removed or disabled ones stop being polled, without a restart.
 */
public final class Poller {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final Pattern MAX_RESULTS = Pattern.compile("[?&]max_results=(\\d+)");
    private static final Pattern START = Pattern.compile("([?&])start=[^&#]*");

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

    private final Path sourcesFile;
    private volatile List<SourceConfig> sources;
    private FileTime sourcesMtime;
    private long sourcesSize = -1;
    private final SourceStore store;
    private final ItemStore items = new ItemStore();
    private final Fetcher fetcher;
    private final Function<String, Connector> connectors;
    private final ItemClassifier classifier;
    private final Jdbi jdbi;
    private final Clock clock;
    private final PollSettings settings;
    private final RateLimiter arxivLimiter;
    private final ReentrantLock storeLock = new ReentrantLock();
    /** Shares the cores between parsing and the store lane (see {@link CpuGate}). */
    private final CpuGate cpu = new CpuGate(Runtime.getRuntime().availableProcessors());
    /** Time spent storing (inside the store lane) since the poller was built, for the cycle's log line. */
    private final java.util.concurrent.atomic.AtomicLong storeNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong storeCpuNanos = new java.util.concurrent.atomic.AtomicLong();
    /** CPU time the poll threads spent parsing, and classifying and preparing items, for the same log line. */
    private final java.util.concurrent.atomic.AtomicLong parseCpuNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong prepareCpuNanos = new java.util.concurrent.atomic.AtomicLong();
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /**
     * One database handle for the store lane while a cycle runs (guarded by {@link #storeLock}):
     * a handle per source was a new session per source, and a new session parses and plans every
     * statement again (H2 keeps its prepared-statement cache per session). Null between cycles.
     */
    private Handle laneHandle;
    private int laneUsers;

    /** A poller over a fixed list of sources with the default settings. */
    public Poller(List<SourceConfig> sources, Jdbi jdbi, Fetcher fetcher, ItemClassifier classifier, Clock clock) {
        this(null, sources, jdbi, fetcher, classifier, clock, PollSettings.defaults(), perThreadConnectors());
    }

    /** A poller over the sources in {@code sourcesFile}, re-read when it changes. */
    public Poller(Path sourcesFile, Jdbi jdbi, Fetcher fetcher, ItemClassifier classifier, Clock clock,
            PollSettings settings) {
        this(sourcesFile, SourceCatalog.load(sourcesFile), jdbi, fetcher, classifier, clock, settings,
                perThreadConnectors());
    }

    Poller(Path sourcesFile, List<SourceConfig> sources, Jdbi jdbi, Fetcher fetcher, ItemClassifier classifier,
            Clock clock, PollSettings settings, Function<String, Connector> connectors) {
        this.sourcesFile = sourcesFile;
        this.sources = List.copyOf(sources);
        this.jdbi = jdbi;
        this.store = new SourceStore(jdbi);
        this.fetcher = fetcher;
        this.classifier = classifier;
        this.clock = clock;
        this.settings = settings;
        this.connectors = connectors;
        this.arxivLimiter = new RateLimiter(settings.arxivInterval());
        if (sourcesFile != null) {
            rememberFileStamp();
        }
        store.syncSources(this.sources);
    }

    /** Parsers run on several poll threads at once: each thread gets its own connectors. */
    private static Function<String, Connector> perThreadConnectors() {
        ThreadLocal<Connectors> local = ThreadLocal.withInitial(Connectors::new);
        return type -> local.get().forType(type);
    }

    /** The sources as last read. */
    public List<SourceConfig> sources() {
        return sources;
    }

    /** Polls every enabled source once (sources backing off or paused are reported, not fetched). */
    public Report pollAll() {
        reloadIfChanged();
        long storedBefore = storeNanos.get();
        long cpuBefore = storeCpuNanos.get();
        long parseBefore = parseCpuNanos.get();
        long prepareBefore = prepareCpuNanos.get();
        long start = System.nanoTime();
        Report report = cycle(sources);
        LOG.info("ingest.poll.done sources={} added={} failed={} ms={} store_ms={} store_cpu_ms={} parse_cpu_ms={}"
                + " prepare_cpu_ms={}", report.sources().size(), report.added(), report.failed(),
                (System.nanoTime() - start) / 1_000_000, (storeNanos.get() - storedBefore) / 1_000_000,
                (storeCpuNanos.get() - cpuBefore) / 1_000_000, (parseCpuNanos.get() - parseBefore) / 1_000_000,
                (prepareCpuNanos.get() - prepareBefore) / 1_000_000);
        return report;
    }

    /**
     * Polls the sources that are due: enabled, not backing off, and never polled yet or with a
     * fire time of their own Quartz cron schedule between their last poll and now.
     */
    public Report pollDue() {
        reloadIfChanged();
        Instant now = clock.instant();
        List<SourceConfig> due = new ArrayList<>();
        for (SourceConfig s : sources) {
            Optional<SourceStore.SourceState> state = store.state(s.id());
            if (state.isPresent() && !state.get().enabled()) {
                continue;
            }
            Instant next = state.map(SourceStore.SourceState::nextAttemptAt).orElse(null);
            if (next != null && now.isBefore(next)) {
                continue;
            }
            if (isDue(s, state.map(SourceStore.SourceState::lastPolledAt).orElse(null), now)) {
                due.add(s);
            }
        }
        Report report = cycle(due);
        if (!due.isEmpty()) {
            LOG.info("ingest.poll.done sources={} added={} failed={}", due.size(), report.added(), report.failed());
        }
        return report;
    }

    static boolean isDue(SourceConfig s, Instant lastPolled, Instant now) {
        if (lastPolled == null) {
            return true;
        }
        java.util.Date next = cron(s).getNextValidTimeAfter(java.util.Date.from(lastPolled));
        return next != null && !next.toInstant().isAfter(now);
    }

    private static org.quartz.CronExpression cron(SourceConfig s) {
        String cron = s.schedule() == null || s.schedule().isBlank() ? "0 0 * * * ?" : s.schedule();
        try {
            org.quartz.CronExpression expr = new org.quartz.CronExpression(cron);
            expr.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            return expr;
        } catch (java.text.ParseException e) {
            throw new IngestException("source " + s.id() + ": invalid schedule '" + cron + "': " + e.getMessage());
        }
    }

    /** Polls one source by id. */
    public SourceResult poll(String sourceId) {
        reloadIfChanged();
        return sources.stream().filter(s -> s.id().equals(sourceId)).findFirst()
                .map(this::poll)
                .orElseThrow(() -> new IngestException("no such source: " + sourceId));
    }

    /**
     * Polls the given sources on the bounded pool: arXiv sources one after another in one lane
     * (they share a rate limit anyway), every other source as its own task. Results keep the
     * order of {@code list}.
     */
    private Report cycle(List<SourceConfig> list) {
        if (list.isEmpty()) {
            return new Report(List.of());
        }
        SourceResult[] results = new SourceResult[list.size()];
        List<Integer> arxivLane = new ArrayList<>();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (isArxiv(list.get(i), list.get(i).url())) {
                arxivLane.add(i);
            } else {
                int index = i;
                tasks.add(() -> results[index] = pollSafely(list.get(index)));
            }
        }
        if (!arxivLane.isEmpty()) {
            tasks.add(0, () -> arxivLane.forEach(i -> results[i] = pollSafely(list.get(i))));
        }
        int threads = Math.min(settings.threads(), tasks.size());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "trendpress-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // An embedded H2 database closes when its last connection closes; pool threads opening and
        // closing connections side by side could race with that close. One handle held for the
        // cycle keeps the database open until every task is done.
        try (Handle keepOpen = jdbi.open()) {
            openLane();
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    LOG.error("ingest.poll.task-failed reason=\"{}\"", FeedParser.oneLine(String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IngestException("poll cycle interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
            closeLane();
        }
        List<SourceResult> out = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            out.add(results[i] != null ? results[i]
                    : new SourceResult(list.get(i).id(), false, false, 0, 0, "poll task failed"));
        }
        return new Report(out);
    }

    /** {@link #poll(SourceConfig)}, never throwing: even an Error ends as a failed result. */
    private SourceResult pollSafely(SourceConfig s) {
        try {
            return poll(s);
        } catch (RuntimeException | StackOverflowError e) {
            String reason = e.getClass().getSimpleName() + ": " + FeedParser.oneLine(e.getMessage());
            LOG.error("ingest.source.failed source={} status=0 reason=\"{}\"", s.id(), reason);
            return new SourceResult(s.id(), false, false, 0, 0, reason);
        }
    }

    SourceResult poll(SourceConfig source) {
        if (!inFlight.add(source.id())) {
            return new SourceResult(source.id(), true, false, 0, 0, "already being polled");
        }
        try {
            return pollOnce(source);
        } finally {
            inFlight.remove(source.id());
        }
    }

    private SourceResult pollOnce(SourceConfig source) {
        Instant now = clock.instant();
        Optional<SourceStore.SourceState> state = store.state(source.id());
        if (state.isPresent() && !state.get().enabled()) {
            return new SourceResult(source.id(), true, false, 0, 0, "disabled");
        }
        Instant next = state.map(SourceStore.SourceState::nextAttemptAt).orElse(null);
        if (next != null && now.isBefore(next)) {
            return new SourceResult(source.id(), true, false, 0, 0, "backing off until " + next);
        }
        try {
            Fetcher.Result fetched = fetch(source, source.url(),
                    state.map(SourceStore.SourceState::etag).orElse(null),
                    state.map(SourceStore.SourceState::lastModified).orElse(null));
            if (fetched.notModified()) {
                store.recordSuccess(source.id(), now, 0, fetched.etag(), fetched.lastModified(), 304);
                LOG.info("ingest.source.unchanged source={}", source.id());
                return new SourceResult(source.id(), true, true, 0, 0, null);
            }
            Parsed parsed = parseAndPrepare(source, fetched, source.url());
            ParsedFeed feed = parsed.feed();
            int added = save(source, parsed, now);
            int seen = feed.items().size();
            if ("arxiv-api".equals(source.type())) {
                int[] more = morePages(source, feed, added, now);
                seen += more[0];
                added += more[1];
            }
            store.recordSuccess(source.id(), now, seen, fetched.etag(), fetched.lastModified(), fetched.status());
            LOG.info("ingest.source.polled source={} items={} added={}", source.id(), seen, added);
            return new SourceResult(source.id(), true, false, seen, added, null);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(source, now, e);
        }
    }

    /** Fetches with the arXiv rate limit when the source or URL is arXiv's. */
    private Fetcher.Result fetch(SourceConfig source, String url, String etag, String lastModified) {
        if (isArxiv(source, url)) {
            arxivLimiter.acquire();
        }
        return fetcher.fetch(url, etag, lastModified);
    }

    /** A parsed feed and what its items need for storing, all worked out without the database. */
    private record Parsed(ParsedFeed feed, List<Classifier.Classification> classes, List<ItemStore.Prepared> prepared) {}

    /**
     * Parses a fetched body, then classifies and prepares its items, in one of the {@link #cpu}
     * gate's parse slots: the CPU-bound part of a poll that runs in parallel.
     */
    private Parsed parseAndPrepare(SourceConfig source, Fetcher.Result fetched, String url) {
        cpu.enterParse();
        try {
            long parseCpu = THREADS.getCurrentThreadCpuTime();
            ParsedFeed feed = connectors.apply(source.type()).parse(source.id(), fetched.body(), fetched.contentType(),
                    fetched.url() != null ? fetched.url() : url);
            long prepareCpu = THREADS.getCurrentThreadCpuTime();
            parseCpuNanos.addAndGet(prepareCpu - parseCpu);
            // classifying and preparing need no database: they run here, outside the store lane
            List<Classifier.Classification> classes = new ArrayList<>(feed.items().size());
            List<ItemStore.Prepared> prepared = new ArrayList<>(feed.items().size());
            for (Item item : feed.items()) {
                classes.add(classifier.classify(ItemFeatures.of(item, source.kindHint())));
                prepared.add(ItemStore.Prepared.of(item)); // hashes, entry key, title keys
            }
            prepareCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - prepareCpu);
            return new Parsed(feed, classes, prepared);
        } finally {
            cpu.exitParse();
        }
    }

    /**
     * Stores one source's items in the store lane: one source at a time, so parallel sources that
     * see the same Paper never race to create it twice. While a thread stores or waits to, the
     * {@link #cpu} gate keeps a core free of parsing for the lane.
     */
    private int save(SourceConfig source, Parsed parsed, Instant now) {
        List<Item> list = parsed.feed().items();
        if (list.isEmpty()) {
            return 0;
        }
        cpu.laneWanted();
        storeLock.lock();
        long start = System.nanoTime();
        long cpuTime = THREADS.getCurrentThreadCpuTime();
        try {
            if (laneHandle != null) {
                try {
                    return laneHandle.inTransaction(
                            h -> items.saveAll(h, source.id(), list, parsed.classes(), parsed.prepared(), now));
                } catch (RuntimeException e) {
                    // the handle may be what broke (a dropped connection): the next source gets a fresh one
                    replaceLaneHandle();
                    throw e;
                }
            }
            return jdbi.inTransaction(h -> items.saveAll(h, source.id(), list, parsed.classes(), parsed.prepared(), now));
        } finally {
            storeNanos.addAndGet(System.nanoTime() - start);
            storeCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuTime);
            storeLock.unlock();
            cpu.laneDone();
        }
    }

    /** A cycle starts: the store lane gets its handle (shared when cycles overlap). */
    private void openLane() {
        storeLock.lock();
        try {
            if (laneUsers++ == 0) {
                laneHandle = jdbi.open();
            }
        } finally {
            storeLock.unlock();
        }
    }

    /** A cycle ended: the last one out closes the lane's handle. */
    private void closeLane() {
        storeLock.lock();
        try {
            if (laneUsers > 0 && --laneUsers == 0 && laneHandle != null) {
                Handle h = laneHandle;
                laneHandle = null;
                closeQuietly(h);
            }
        } finally {
            storeLock.unlock();
        }
    }

    /** Called with {@link #storeLock} held, after a store failed on the lane's handle. */
    private void replaceLaneHandle() {
        Handle old = laneHandle;
        laneHandle = null;
        closeQuietly(old);
        try {
            laneHandle = jdbi.open();
        } catch (RuntimeException e) {
            LOG.warn("ingest.store.reopen-failed reason=\"{}\"", FeedParser.oneLine(e.getMessage()));
        }
    }

    private static void closeQuietly(Handle h) {
        if (h == null) {
            return;
        }
        try {
            h.close();
        } catch (RuntimeException e) {
            LOG.debug("ingest.store.close-failed reason=\"{}\"", FeedParser.oneLine(e.getMessage()));
        }
    }

    /**
     * Follows an arXiv API query past its first page while each page brought only new items and
     * results remain, up to {@link PollSettings#arxivMaxPages()} pages. Returns {seen, added}.
     */
    private int[] morePages(SourceConfig source, ParsedFeed first, int firstAdded, Instant now) {
        int seen = 0;
        int added = 0;
        ParsedFeed page = first;
        int pageAdded = firstAdded;
        int start = first.startIndex() >= 0 ? first.startIndex() : startParam(source.url());
        int pageSize = pageSize(source.url(), first);
        for (int pages = 1; pages < settings.arxivMaxPages(); pages++) {
            if (page.items().isEmpty() || pageAdded < page.items().size() || page.totalResults() < 0 || pageSize <= 0) {
                break;
            }
            int nextStart = start + pageSize;
            if (nextStart >= page.totalResults()) {
                break;
            }
            String url = withStart(source.url(), nextStart);
            LOG.debug("ingest.source.page source={} start={}", source.id(), nextStart);
            Fetcher.Result fetched = fetch(source, url, null, null);
            if (fetched.notModified()) {
                break;
            }
            Parsed parsed = parseAndPrepare(source, fetched, url);
            page = parsed.feed();
            pageAdded = save(source, parsed, now);
            seen += page.items().size();
            added += pageAdded;
            start = page.startIndex() >= 0 ? page.startIndex() : nextStart;
        }
        return new int[] {seen, added};
    }

    static int pageSize(String url, ParsedFeed first) {
        Matcher m = MAX_RESULTS.matcher(url);
        if (m.find()) {
            try {
                return Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                return first.items().size();
            }
        }
        return first.items().size();
    }

    static int startParam(String url) {
        Matcher m = START.matcher(url);
        if (m.find()) {
            String v = m.group().substring(m.group().indexOf('=') + 1);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** The URL with its {@code start=} query parameter set to {@code start}. */
    static String withStart(String url, int start) {
        Matcher m = START.matcher(url);
        if (m.find()) {
            return url.substring(0, m.start()) + m.group(1) + "start=" + start + url.substring(m.end());
        }
        int hash = url.indexOf('#');
        String base = hash >= 0 ? url.substring(0, hash) : url;
        String fragment = hash >= 0 ? url.substring(hash) : "";
        return base + (base.contains("?") ? "&" : "?") + "start=" + start + fragment;
    }

    /** Records a failure, then decides when the source may be tried again, or pauses it. */
    private SourceResult failed(SourceConfig source, Instant now, Throwable e) {
        int status = e instanceof FetchException f ? f.status() : 0;
        String reason = e instanceof IngestException ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + FeedParser.oneLine(e.getMessage());
        SourceStore.Failures failures = store.recordFailure(source.id(), now, reason, status);
        LOG.warn("ingest.source.failed source={} status={} reason=\"{}\"", source.id(), status, reason);
        if ((status == 404 || status == 410) && failures.notFoundInARow() >= settings.notFoundLimit()) {
            String why = "HTTP " + status + " " + Fetcher.reasonPhrase(status) + " " + failures.notFoundInARow()
                    + " times in a row";
            store.pause(source.id(), why, now);
            LOG.warn("ingest.source.paused source={} reason=\"{}\"", source.id(), why);
            return new SourceResult(source.id(), false, false, 0, 0, reason);
        }
        Instant retryAt = null;
        String cause = "exponential";
        if ((status == 429 || status == 503) && e instanceof FetchException f) {
            retryAt = f.retryAt(now).orElse(null);
            if (retryAt != null) {
                cause = "retry-after";
                Instant cap = now.plus(settings.maxBackoff());
                retryAt = retryAt.isAfter(cap) ? cap : retryAt;
            }
        }
        if (retryAt == null) {
            retryAt = now.plus(backoff(source, failures.consecutive(), now));
        }
        store.scheduleNextAttempt(source.id(), retryAt);
        LOG.info("ingest.source.backoff source={} failures={} until={} cause={}", source.id(), failures.consecutive(),
                retryAt, cause);
        return new SourceResult(source.id(), false, false, 0, 0, reason);
    }

    /** The schedule's period, doubled per failure in a row after the first, capped at the max back-off. */
    Duration backoff(SourceConfig source, int consecutiveFailures, Instant now) {
        Duration base = period(source, now);
        Duration cap = settings.maxBackoff();
        int doublings = Math.max(0, consecutiveFailures - 1);
        if (doublings >= 30) {
            return cap;
        }
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** The gap between the schedule's next two fire times (one hour when it cannot tell). */
    private static Duration period(SourceConfig source, Instant now) {
        try {
            org.quartz.CronExpression expr = cron(source);
            java.util.Date a = expr.getNextValidTimeAfter(java.util.Date.from(now));
            java.util.Date b = a == null ? null : expr.getNextValidTimeAfter(a);
            if (a != null && b != null) {
                return Duration.between(a.toInstant(), b.toInstant());
            }
        } catch (IngestException e) {
            // fall through to the default
        }
        return Duration.ofHours(1);
    }

    /** arXiv asks for one request every few seconds: its source types and any host under arxiv.org. */
    static boolean isArxiv(SourceConfig source, String url) {
        if ("arxiv-api".equals(source.type()) || "arxiv-rss".equals(source.type())) {
            return true;
        }
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("arxiv.org") || host.endsWith(".arxiv.org");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Re-reads the sources file when its modification time or size changed; keeps the old list if it is broken. */
    private synchronized void reloadIfChanged() {
        if (sourcesFile == null) {
            return;
        }
        try {
            FileTime mtime = Files.getLastModifiedTime(sourcesFile);
            long size = Files.size(sourcesFile);
            if (mtime.equals(sourcesMtime) && size == sourcesSize) {
                return;
            }
            sourcesMtime = mtime; // a broken file is reported once, and read again when it changes
            sourcesSize = size;
            List<SourceConfig> fresh = SourceCatalog.load(sourcesFile);
            store.syncSources(fresh);
            sources = List.copyOf(fresh);
            LOG.info("ingest.sources.reloaded file={} sources={}", sourcesFile, fresh.size());
        } catch (IOException | IngestException e) {
            LOG.warn("ingest.sources.reload-failed file={} reason=\"{}\"", sourcesFile, FeedParser.oneLine(e.getMessage()));
        }
    }

    private void rememberFileStamp() {
        try {
            sourcesMtime = Files.getLastModifiedTime(sourcesFile);
            sourcesSize = Files.size(sourcesFile);
        } catch (IOException e) {
            sourcesMtime = null;
        }
    }
}
