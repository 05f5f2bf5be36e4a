package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trendpress.classify.RuleClassifier;
import org.trendpress.store.Database;

/**
 * Fault tests over loopback: every kind of misbehaving source ends in a recorded source error
 * within the fetch deadline, while a healthy source in the same cycle still polls and stores its
 * items. Uses the real connectors and a 2 s deadline.
 */
class FaultTest {

    private static final long DEADLINE_MS = 2000;
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final String ENTITY_BOMB = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
             <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
             <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
             <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
             <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
             <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
             <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
             <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
            ]>
            <rss version="2.0"><channel><title>&g;</title><link>https://example.org/</link>
            <item><title>&g;</title><link>https://example.org/1</link></item></channel></rss>
            """;

    private HttpServer server;
    private ServerSocket silent;
    private String base;
    private Database db;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicLong dripped = new AtomicLong();
    private final AtomicLong bigWritten = new AtomicLong();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            hits.computeIfAbsent(ex.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
            try {
                handle(ex);
            } catch (IOException e) {
                // the client hung up on a misbehaving answer: that is the point
            } finally {
                ex.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();

        // a server that accepts connections and never says a word
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "fault-silent-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        db = Database.open("jdbc:h2:mem:fault-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterEach
    void stop() throws IOException {
        stop.countDown();
        server.stop(0);
        silent.close();
        for (Socket s : held) {
            s.close();
        }
        db.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        switch (ex.getRequestURI().getPath()) {
            case "/healthy" -> {
                byte[] body = Files.readAllBytes(Path.of("config/demo/feeds/tech-news.xml"));
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            case "/drip" -> {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                byte[] feed = "<rss version=\"2.0\"><channel><title>slow</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
                for (byte b : feed) { // one byte a second: the server's behaviour, not a test wait
                    out.write(b);
                    out.flush();
                    dripped.incrementAndGet();
                    try {
                        if (stop.await(1, TimeUnit.SECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            case "/error" -> {
                ex.sendResponseHeaders(500, -1);
            }
            case "/busy" -> {
                ex.getResponseHeaders().set("Retry-After", "3600");
                ex.sendResponseHeaders(429, -1);
            }
            case "/huge" -> {
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse it by
                byte[] chunk = new byte[64 * 1024];
                OutputStream out = ex.getResponseBody();
                for (long sent = 0; sent < FIFTY_MB; sent += chunk.length) {
                    out.write(chunk);
                    bigWritten.addAndGet(chunk.length);
                }
            }
            case "/loop" -> {
                ex.getResponseHeaders().set("Location", "/loop-again");
                ex.sendResponseHeaders(302, -1);
            }
            case "/loop-again" -> {
                ex.getResponseHeaders().set("Location", base + "/loop");
                ex.sendResponseHeaders(301, -1);
            }
            case "/to-metadata" -> {
                ex.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/iam/");
                ex.sendResponseHeaders(302, -1);
            }
            case "/to-private" -> {
                ex.getResponseHeaders().set("Location", "http://10.0.0.1/feed.xml");
                ex.sendResponseHeaders(307, -1);
            }
            case "/garbage" -> {
                byte[] junk = new byte[4096];
                new Random(42).nextBytes(junk);
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                ex.sendResponseHeaders(200, junk.length);
                ex.getResponseBody().write(junk);
            }
            case "/bomb" -> {
                byte[] body = ENTITY_BOMB.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            default -> ex.sendResponseHeaders(404, -1);
        }
    }

    private static SourceConfig source(String id, String url) {
        return new SourceConfig(id, null, "rss", url, "0 0 * * * ?", "news", 1.0, true);
    }

    @Test
    void everyFaultIsARecordedSourceErrorAndTheHealthySourceStillPolls() {
        List<SourceConfig> sources = List.of(
                source("never-answers", "http://127.0.0.1:" + silent.getLocalPort() + "/feed"),
                source("drips", base + "/drip"),
                source("server-error", base + "/error"),
                source("rate-limited", base + "/busy"),
                source("fifty-mb", base + "/huge"),
                source("redirect-loop", base + "/loop"),
                source("to-metadata", base + "/to-metadata"),
                source("to-private", base + "/to-private"),
                source("garbage", base + "/garbage"),
                source("entity-bomb", base + "/bomb"),
                source("healthy", base + "/healthy"));
        // the allow-list names only the loopback test servers' address: 10/8 and 169.254/16 stay refused
        Fetcher fetcher = new Fetcher(Duration.ofMillis(DEADLINE_MS), Duration.ofMillis(DEADLINE_MS),
                Duration.ofMillis(DEADLINE_MS), 10L * 1024 * 1024, 5, "trendpress-test", AddressGuard.parse("127.0.0.1"));
        PollSettings settings = new PollSettings(4, 3, Duration.ofMillis(1), 10, Duration.ofDays(1));
        Poller poller = new Poller(null, sources, db.jdbi(), fetcher, new RuleClassifier(), Clock.systemUTC(), settings,
                new Connectors()::forType);

        Instant before = Instant.now();
        long started = System.nanoTime();
        Poller.Report report = poller.pollAll();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        Instant after = Instant.now();

        Map<String, Poller.SourceResult> results = report.sources().stream()
                .collect(Collectors.toMap(Poller.SourceResult::sourceId, r -> r));
        assertThat(results.get("healthy").ok()).isTrue();
        assertThat(results.get("healthy").added()).isGreaterThan(0);
        int stored = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items WHERE source_id='healthy'")
                .mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(results.get("healthy").added());
        assertThat(report.failed()).isEqualTo(10);

        Map<String, SourceStore.SourceHealth> health = new SourceStore(db.jdbi()).health().stream()
                .collect(Collectors.toMap(SourceStore.SourceHealth::id, h -> h));
        for (SourceConfig s : sources) {
            SourceStore.SourceHealth h = health.get(s.id());
            if (s.id().equals("healthy")) {
                assertThat(h.lastError()).isNull();
                assertThat(h.lastSuccessAt()).isNotNull();
                continue;
            }
            assertThat(h.lastError()).as(s.id()).isNotBlank();
            assertThat(h.lastErrorAt()).as(s.id()).isNotNull();
            assertThat(h.consecutiveFailures()).as(s.id()).isEqualTo(1);
            assertThat(h.nextAttemptAt()).as(s.id()).isAfter(before);
            assertThat(results.get(s.id()).error()).as(s.id()).isEqualTo(h.lastError());
        }
        assertThat(health.get("never-answers").lastError()).matches("read timed out.*|no complete response within the deadline.*");
        assertThat(health.get("drips").lastError()).isEqualTo("no complete response within the deadline of 2000 ms");
        assertThat(dripped.get()).isLessThan(10); // cut off after about two bytes of a 60-byte feed
        assertThat(health.get("server-error").lastError()).isEqualTo("HTTP 500 Internal Server Error");
        assertThat(health.get("server-error").lastStatus()).isEqualTo(500);
        assertThat(health.get("rate-limited").lastError()).isEqualTo("HTTP 429 Too Many Requests");
        assertThat(health.get("rate-limited").nextAttemptAt())
                .isBetween(before.plusSeconds(3600), after.plusSeconds(3600));
        assertThat(health.get("fifty-mb").lastError()).contains("larger than the cap of 10485760 bytes");
        assertThat(bigWritten.get()).isLessThan(FIFTY_MB);
        assertThat(health.get("redirect-loop").lastError()).isEqualTo("too many redirects (more than 5)");
        assertThat(hits.get("/loop").get() + hits.get("/loop-again").get()).isEqualTo(6);
        assertThat(health.get("to-metadata").lastError()).isEqualTo("refused 169.254.169.254: resolves to 169.254.169.254,"
                + " a cloud metadata address (not in trendpress.fetch.allow-hosts)");
        assertThat(health.get("to-private").lastError()).isEqualTo("refused 10.0.0.1: resolves to 10.0.0.1,"
                + " a private address (not in trendpress.fetch.allow-hosts)");
        assertThat(health.get("garbage").lastStatus()).isEqualTo(0);
        assertThat(health.get("entity-bomb").lastStatus()).isEqualTo(0);

        // the slowest faults end at the 2 s deadline; the cycle runs them side by side (generous bound)
        assertThat(tookMs).as("cycle took %d ms", tookMs).isLessThan(20_000);
        System.out.printf("fault.cycle ms=%d errors=%s%n", tookMs, health.values().stream()
                .map(h -> h.id() + "=" + h.lastError()).collect(Collectors.joining(" | ")));

        // the next cycle honours Retry-After and backs off the others: only the healthy source is fetched
        Poller.Report second = poller.pollAll();
        assertThat(hits.get("/busy").get()).isEqualTo(1);
        assertThat(hits.get("/error").get()).isEqualTo(1);
        assertThat(second.sources()).filteredOn(r -> !r.sourceId().equals("healthy"))
                .allSatisfy(r -> assertThat(r.error()).startsWith("backing off until"));
        assertThat(hits.get("/healthy").get()).isEqualTo(2);
    }
}
