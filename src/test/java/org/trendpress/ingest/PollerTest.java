package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.testing.MutableClock;
import org.trendpress.classify.RuleClassifier;
import org.trendpress.store.Database;

/**
 * The Poller's politeness against a loopback server, with a test clock and a tiny connector that
 * reads "start=S total=T" and one guid per line (so these tests do not depend on the parsers).
 */
class PollerTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private String base;
    private Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-03T10:30:00Z"));
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> uris = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    record Reply(int status, String body, String... headers) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try {
                handle(ex);
            } finally {
                ex.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        db = Database.open("jdbc:h2:mem:poller-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        server.stop(0);
        db.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        uris.add(ex.getRequestURI().toString());
        hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        if (path.equals("/slow")) {
            try {
                releaseSlow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, new Reply(200, "start=-1 total=-1\nslow-1"));
            return;
        }
        if (path.startsWith("/api/")) {
            // a paged query: ids start..start+max_results-1 out of "total" given in the path
            int total = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            int start = Poller.startParam(ex.getRequestURI().toString());
            int size = Poller.pageSize(ex.getRequestURI().toString(), null);
            StringBuilder body = new StringBuilder("start=" + start + " total=" + total + "\n");
            for (int i = start; i < Math.min(total, start + size); i++) {
                body.append("p").append(i).append('\n');
            }
            send(ex, new Reply(200, body.toString()));
            return;
        }
        send(ex, replies.getOrDefault(path, new Reply(404, "")));
    }

    private static void send(HttpExchange ex, Reply r) throws IOException {
        for (int i = 0; i + 1 < r.headers().length; i += 2) {
            ex.getResponseHeaders().set(r.headers()[i], r.headers()[i + 1]);
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** Reads "start=S total=T" then one guid per line. */
    static final Function<String, Connector> TINY = type -> (sourceId, body, contentType) -> {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        String[] head = lines[0].split(" ");
        if (!head[0].startsWith("start=")) {
            throw new IngestException("not a tiny feed");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                String guid = lines[i].strip();
                items.add(new Item(sourceId, guid, "https://example.org/" + guid, "https://example.org/" + guid,
                        "Item " + guid, "", "", List.of(), null, null, null, List.of()));
            }
        }
        return new ParsedFeed("tiny", null, items, List.of(),
                Integer.parseInt(head[1].substring(6)), Integer.parseInt(head[0].substring(6)));
    };

    private static SourceConfig source(String id, String type, String url) {
        return new SourceConfig(id, null, type, url, "0 0 * * * ?", "news", 1.0, true);
    }

    private Fetcher fetcher() {
        return new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(30), 1_000_000, 5, "test",
                AddressGuard.parse("127.0.0.1"));
    }

    private PollSettings settings(int threads, int maxPages, Duration maxBackoff) {
        return new PollSettings(threads, 3, Duration.ofMillis(1), maxPages, maxBackoff);
    }

    private Poller poller(PollSettings settings, SourceConfig... sources) {
        return new Poller(null, List.of(sources), db.jdbi(), fetcher(), new RuleClassifier(), clock, settings, TINY);
    }

    private SourceStore.SourceHealth health(String id) {
        return new SourceStore(db.jdbi()).health().stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
    }

    private int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    @Test
    void failuresBackOffExponentiallyUpToTheCapAndASuccessClearsIt() {
        replies.put("/flaky", new Reply(500, "oops"));
        Poller poller = poller(settings(2, 10, Duration.ofHours(3)), source("flaky", "rss", base + "/flaky"));

        Instant t0 = clock.instant();
        Poller.SourceResult r = poller.pollAll().sources().get(0);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("HTTP 500 Internal Server Error");
        SourceStore.SourceHealth h = health("flaky");
        assertThat(h.consecutiveFailures()).isEqualTo(1);
        assertThat(h.lastStatus()).isEqualTo(500);
        assertThat(h.lastError()).isEqualTo("HTTP 500 Internal Server Error");
        assertThat(h.nextAttemptAt()).isEqualTo(t0.plus(Duration.ofHours(1))); // the hourly schedule's period

        // backing off: neither a forced poll nor a due poll fetches it
        assertThat(poller.pollAll().sources().get(0).error()).startsWith("backing off until");
        clock.advance(Duration.ofMinutes(45));
        assertThat(poller.pollDue().sources()).isEmpty();
        assertThat(hits("/flaky")).isEqualTo(1);

        clock.set(h.nextAttemptAt());
        Instant t1 = clock.instant();
        assertThat(poller.pollDue().sources()).hasSize(1);
        assertThat(health("flaky").nextAttemptAt()).isEqualTo(t1.plus(Duration.ofHours(2)));

        clock.advance(Duration.ofHours(2));
        Instant t2 = clock.instant();
        poller.pollAll();
        assertThat(health("flaky").nextAttemptAt()).isEqualTo(t2.plus(Duration.ofHours(3))); // 4 h, capped at 3
        assertThat(health("flaky").consecutiveFailures()).isEqualTo(3);

        replies.put("/flaky", new Reply(200, "start=-1 total=-1\nx1\nx2"));
        clock.advance(Duration.ofHours(3));
        Poller.SourceResult ok = poller.pollAll().sources().get(0);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.added()).isEqualTo(2);
        h = health("flaky");
        assertThat(h.consecutiveFailures()).isZero();
        assertThat(h.nextAttemptAt()).isNull();
        assertThat(h.lastStatus()).isEqualTo(200);
        assertThat(h.itemsLastPoll()).isEqualTo(2);
        assertThat(hits("/flaky")).isEqualTo(4);
    }

    @Test
    void retryAfterIsHonouredAsSecondsOrDateAndCapped() {
        replies.put("/busy", new Reply(429, "", "Retry-After", "90"));
        replies.put("/down", new Reply(503, "", "Retry-After", "Tue, 03 Nov 2026 14:00:00 GMT"));
        replies.put("/rude", new Reply(503, "", "Retry-After", "999999999"));
        Poller poller = poller(settings(3, 10, Duration.ofDays(1)), source("busy", "rss", base + "/busy"),
                source("down", "rss", base + "/down"), source("rude", "rss", base + "/rude"));
        Instant t0 = clock.instant();
        Poller.Report report = poller.pollAll();
        assertThat(report.failed()).isEqualTo(3);
        assertThat(health("busy").nextAttemptAt()).isEqualTo(t0.plusSeconds(90));
        assertThat(health("busy").lastError()).isEqualTo("HTTP 429 Too Many Requests");
        assertThat(health("down").nextAttemptAt()).isEqualTo(Instant.parse("2026-11-03T14:00:00Z"));
        assertThat(health("rude").nextAttemptAt()).isEqualTo(t0.plus(Duration.ofDays(1)));

        clock.set(Instant.parse("2026-11-03T13:59:59Z")); // due by schedule, not by Retry-After
        poller.pollDue();
        assertThat(hits("/down")).isEqualTo(1);
        assertThat(hits("/busy")).isEqualTo(2); // its 90 s were over long ago
        clock.set(Instant.parse("2026-11-03T14:00:00Z"));
        poller.pollAll();
        assertThat(hits("/down")).isEqualTo(2);
        assertThat(hits("/rude")).isEqualTo(1);
    }

    @Test
    void notFoundSeveralTimesInARowPausesTheSourceUntilResumed() {
        replies.put("/gone", new Reply(410, ""));
        replies.put("/moved", new Reply(404, ""));
        PollSettings s = settings(2, 10, Duration.ofHours(1));
        Poller poller = poller(s, source("gone", "rss", base + "/gone"), source("moved", "rss", base + "/moved"));
        for (int i = 0; i < 2; i++) {
            poller.pollAll();
            clock.advance(Duration.ofHours(2));
        }
        assertThat(health("gone").pausedReason()).isNull();
        replies.put("/moved", new Reply(500, "")); // breaks the row
        poller.pollAll();
        clock.advance(Duration.ofHours(2));
        replies.put("/moved", new Reply(404, ""));
        poller.pollAll();
        clock.advance(Duration.ofHours(2));

        assertThat(health("gone").pausedReason()).isEqualTo("HTTP 410 Gone 3 times in a row");
        assertThat(health("moved").pausedReason()).isNull();
        Poller.Report after = poller.pollAll();
        assertThat(after.sources()).filteredOn(r -> r.sourceId().equals("gone"))
                .singleElement().satisfies(r -> assertThat(r.error()).isEqualTo("disabled"));
        assertThat(hits("/gone")).isEqualTo(3);
        assertThat(poller.pollDue().sources()).extracting(Poller.SourceResult::sourceId).doesNotContain("gone");

        // a restart syncs the sources again and keeps the pause; resuming polls it again
        Poller restarted = poller(s, source("gone", "rss", base + "/gone"), source("moved", "rss", base + "/moved"));
        assertThat(health("gone").pausedReason()).isEqualTo("HTTP 410 Gone 3 times in a row");
        assertThat(new SourceStore(db.jdbi()).resume("gone")).isTrue();
        replies.put("/gone", new Reply(200, "start=-1 total=-1\ng1"));
        assertThat(restarted.poll("gone").ok()).isTrue();
        assertThat(health("gone").pausedReason()).isNull();
    }

    @Test
    void oneSlowSourceDoesNotDelayTheOthers() throws Exception {
        replies.put("/quick", new Reply(200, "start=-1 total=-1\nq1\nq2"));
        Poller poller = poller(settings(2, 10, Duration.ofHours(1)), source("slow", "rss", base + "/slow"),
                source("quick", "rss", base + "/quick"));
        var background = Executors.newSingleThreadExecutor();
        try {
            Future<Poller.Report> cycle = background.submit(poller::pollAll);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (storedItems("quick") < 2 && System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
            // the quick source is stored while the slow one is still waiting for its answer
            assertThat(storedItems("quick")).isEqualTo(2);
            assertThat(cycle.isDone()).isFalse();
            releaseSlow.countDown();
            Poller.Report report = cycle.get();
            assertThat(report.sources()).extracting(Poller.SourceResult::sourceId).containsExactly("slow", "quick");
            assertThat(report.sources()).allMatch(Poller.SourceResult::ok);
            assertThat(report.added()).isEqualTo(3);
        } finally {
            background.shutdownNow();
        }
    }

    private int storedItems(String sourceId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items WHERE source_id = :s")
                .bind("s", sourceId).mapTo(Integer.class).one());
    }

    @Test
    void arxivApiQueriesArePagedUntilItemsWereSeenOrResultsEnd() {
        String query = "/api/query/7?search_query=cat:cs.LG&sortBy=submittedDate&start=0&max_results=2";
        Poller poller = poller(settings(2, 10, Duration.ofHours(1)), source("arxiv-q", "arxiv-api", base + query));
        Poller.SourceResult first = poller.pollAll().sources().get(0);
        assertThat(first.ok()).isTrue();
        assertThat(first.seen()).isEqualTo(7);
        assertThat(first.added()).isEqualTo(7);
        assertThat(uris).extracting(u -> u.replaceAll(".*[?&]start=(\\d+).*", "$1")).containsExactly("0", "2", "4", "6");
        assertThat(uris.get(1)).isEqualTo("/api/query/7?search_query=cat:cs.LG&sortBy=submittedDate&start=2&max_results=2");
        assertThat(health("arxiv-q").itemsLastPoll()).isEqualTo(7);

        // the next poll finds its first page already seen: no further pages
        uris.clear();
        clock.advance(Duration.ofHours(1));
        assertThat(poller.pollAll().sources().get(0).added()).isZero();
        assertThat(uris).hasSize(1);
    }

    @Test
    void arxivApiPagingStopsAtThePageCap() {
        Poller poller = poller(settings(2, 3, Duration.ofHours(1)),
                source("arxiv-big", "arxiv-api", base + "/api/query/1000?search_query=cat:cs.AI&max_results=5"));
        Poller.SourceResult r = poller.pollAll().sources().get(0);
        assertThat(r.added()).isEqualTo(15);
        assertThat(uris).containsExactly("/api/query/1000?search_query=cat:cs.AI&max_results=5",
                "/api/query/1000?search_query=cat:cs.AI&max_results=5&start=5",
                "/api/query/1000?search_query=cat:cs.AI&max_results=5&start=10");
    }

    @Test
    void theSourcesFileIsReadAgainWhenItChanges() throws Exception {
        replies.put("/a", new Reply(200, "start=-1 total=-1\na1"));
        replies.put("/b", new Reply(200, "start=-1 total=-1\nb1"));
        replies.put("/c", new Reply(200, "start=-1 total=-1\nc1"));
        Path file = tmp.resolve("sources.yaml");
        Files.writeString(file, yaml("a", true, "b", true));
        Poller poller = new Poller(file, SourceCatalog.load(file), db.jdbi(), fetcher(), new RuleClassifier(), clock,
                settings(2, 10, Duration.ofHours(1)), TINY);
        assertThat(poller.pollAll().sources()).extracting(Poller.SourceResult::sourceId).containsExactly("a", "b");

        // a removed, b switched off, c added: no restart needed
        Files.writeString(file, yaml("b", false, "c", true));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        Poller.Report report = poller.pollAll();
        assertThat(report.sources()).extracting(Poller.SourceResult::sourceId).containsExactly("b", "c");
        assertThat(report.sources().get(0).error()).isEqualTo("disabled");
        assertThat(hits("/a")).isEqualTo(1);
        assertThat(hits("/b")).isEqualTo(1);
        assertThat(hits("/c")).isEqualTo(1);
        assertThat(health("a").enabled()).isFalse();
        assertThat(health("b").enabled()).isFalse();
        clock.advance(Duration.ofHours(2));
        assertThat(poller.pollDue().sources()).extracting(Poller.SourceResult::sourceId).containsExactly("c");

        // a broken file is reported and the last good list stays
        Files.writeString(file, "sources: [ {id: BAD ID} ]\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(20)));
        assertThat(poller.pollAll().sources()).extracting(Poller.SourceResult::sourceId).containsExactly("b", "c");
    }

    /** A sources.yaml with one rss source per (id, enabled) pair, each served at base/id. */
    private String yaml(Object... idEnabled) {
        StringBuilder y = new StringBuilder("sources:\n");
        for (int i = 0; i + 1 < idEnabled.length; i += 2) {
            y.append("  - id: ").append(idEnabled[i]).append("\n    type: rss\n    url: \"").append(base).append('/')
                    .append(idEnabled[i]).append("\"\n    schedule: \"0 0 * * * ?\"\n    enabled: ")
                    .append(idEnabled[i + 1]).append('\n');
        }
        return y.toString();
    }

    @Test
    void urlHelpers() {
        assertThat(Poller.withStart("http://x/q?a=1&start=0&max_results=2", 4)).isEqualTo("http://x/q?a=1&start=4&max_results=2");
        assertThat(Poller.withStart("http://x/q?start=10", 20)).isEqualTo("http://x/q?start=20");
        assertThat(Poller.withStart("http://x/q?a=1", 5)).isEqualTo("http://x/q?a=1&start=5");
        assertThat(Poller.withStart("http://x/q", 5)).isEqualTo("http://x/q?start=5");
        assertThat(Poller.withStart("http://x/q?restart=1", 5)).isEqualTo("http://x/q?restart=1&start=5");
        assertThat(Poller.isArxiv(source("x", "rss", "https://export.arxiv.org/api/query"), "https://export.arxiv.org/api/query")).isTrue();
        assertThat(Poller.isArxiv(source("y", "arxiv-rss", "https://example.org/"), "https://example.org/")).isTrue();
        assertThat(Poller.isArxiv(source("z", "rss", "https://notarxiv.org/"), "https://notarxiv.org/")).isFalse();
    }
}
