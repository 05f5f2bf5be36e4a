package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Fetcher against a loopback server: encodings, validators, redirects, caps, deadlines. */
class FetcherTest {

    private static final byte[] FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>"
            .getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private String base;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bigBytesWritten = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().toString() + " inm=" + ex.getRequestHeaders().getFirst("If-None-Match")
                    + " ims=" + ex.getRequestHeaders().getFirst("If-Modified-Since"));
            try {
                handle(ex);
            } finally {
                ex.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        switch (path) {
            case "/feed" -> {
                if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                    ex.sendResponseHeaders(304, -1);
                    return;
                }
                ex.getResponseHeaders().set("ETag", "\"v1\"");
                ex.getResponseHeaders().set("Last-Modified", "Tue, 03 Nov 2026 10:00:00 GMT");
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
                send(ex, 200, FEED);
            }
            case "/gzip" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(FEED);
                }
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                send(ex, 200, out.toByteArray());
            }
            case "/gzip-two-members" -> {
                // the size a gzip body states at its end is its last member's: only a hint
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int half = FEED.length / 2;
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(FEED, 0, half);
                }
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(FEED, half, FEED.length - half);
                }
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                send(ex, 200, out.toByteArray());
            }
            case "/gzip-at-cap", "/gzip-over-cap" -> {
                // random letters compress less than 2:1, so the stated size is a plausible hint and is used
                byte[] noise = new byte[path.equals("/gzip-at-cap") ? 1_000_000 : 1_000_001];
                java.util.Random r = new java.util.Random(3);
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (byte) ('a' + r.nextInt(26));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(noise);
                }
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                send(ex, 200, out.toByteArray());
            }
            case "/deflate", "/raw-deflate" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (DeflaterOutputStream d = new DeflaterOutputStream(out,
                        new Deflater(Deflater.DEFAULT_COMPRESSION, path.equals("/raw-deflate")))) {
                    d.write(FEED);
                }
                ex.getResponseHeaders().set("Content-Encoding", "deflate");
                send(ex, 200, out.toByteArray());
            }
            case "/gzip-bomb" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(new byte[5_000_000]);
                }
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                send(ex, 200, out.toByteArray());
            }
            case "/hop" -> {
                ex.getResponseHeaders().set("Location", "/feed");
                ex.sendResponseHeaders(302, -1);
            }
            case "/loop" -> {
                ex.getResponseHeaders().set("Location", base + "/loop");
                ex.sendResponseHeaders(301, -1);
            }
            case "/to-private" -> {
                ex.getResponseHeaders().set("Location", ex.getRequestURI().getQuery().substring(3));
                ex.sendResponseHeaders(307, -1);
            }
            case "/busy" -> {
                ex.getResponseHeaders().set("Retry-After", "120");
                send(ex, 429, "slow down".getBytes(StandardCharsets.UTF_8));
            }
            case "/big", "/big-declared" -> {
                long total = 50L * 1024 * 1024;
                ex.sendResponseHeaders(200, path.equals("/big") ? 0 : total); // chunked, or declared
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream out = ex.getResponseBody()) {
                    for (long sent = 0; sent < total; sent += chunk.length) {
                        out.write(chunk);
                        bigBytesWritten.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the client hung up: expected
                }
            }
            case "/silent" -> await();
            case "/headers-then-silence" -> {
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write('<');
                ex.getResponseBody().flush();
                await();
            }
            default -> send(ex, 404, new byte[0]);
        }
    }

    private void await() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private Fetcher fetcher(Duration read, Duration deadline, long maxBytes) {
        return new Fetcher(Duration.ofSeconds(2), read, deadline, maxBytes, 5, "test",
                AddressGuard.parse("127.0.0.1"));
    }

    private Fetcher fetcher() {
        return fetcher(Duration.ofSeconds(10), Duration.ofSeconds(20), 1_000_000);
    }

    @Test
    void conditionalGetReturnsValidatorsAndA304WithoutBody() {
        Fetcher.Result first = fetcher().fetch(base + "/feed", null, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(FEED);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.lastModified()).isEqualTo("Tue, 03 Nov 2026 10:00:00 GMT");
        assertThat(first.contentType()).startsWith("application/rss+xml");

        Fetcher.Result second = fetcher().fetch(base + "/feed", first.etag(), first.lastModified());
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
        assertThat(second.etag()).isEqualTo("\"v1\"");
        assertThat(requests.get(1)).contains("inm=\"v1\"").contains("ims=Tue, 03 Nov 2026 10:00:00 GMT");
    }

    @Test
    void decodesGzipAndBothKindsOfDeflate() {
        assertThat(fetcher().fetch(base + "/gzip", null, null).body()).isEqualTo(FEED);
        assertThat(fetcher().fetch(base + "/deflate", null, null).body()).isEqualTo(FEED);
        assertThat(fetcher().fetch(base + "/raw-deflate", null, null).body()).isEqualTo(FEED);
    }

    @Test
    void aGzipBodyIsWholeWhenItsStatedSizeIsOnlyItsLastMembersAndCappedWhenItIsRight() {
        assertThat(fetcher().fetch(base + "/gzip-two-members", null, null).body()).isEqualTo(FEED);
        assertThat(fetcher().fetch(base + "/gzip-at-cap", null, null).body()).hasSize(1_000_000);
        assertThatThrownBy(() -> fetcher().fetch(base + "/gzip-over-cap", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than the cap of 1000000 bytes");
    }

    @Test
    void theStatedGzipSizeIsAHintOnlyWhenPlausible() {
        byte[] tail = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x27, 0, 0}; // states 10,000
        assertThat(Fetcher.gzipSize(tail)).isEqualTo(10_000);
        tail[17] = 0x7f; // states about 2 GB from 18 bytes
        assertThat(Fetcher.gzipSize(tail)).isEqualTo(-1);
        assertThat(Fetcher.gzipSize(new byte[5])).isEqualTo(-1);
    }

    @Test
    void theCapAppliesToTheDecompressedBodyToo() {
        assertThatThrownBy(() -> fetcher().fetch(base + "/gzip-bomb", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than the cap of 1000000 bytes");
    }

    @Test
    void followsRedirectsAndReportsTheFinalUrl() {
        Fetcher.Result r = fetcher().fetch(base + "/hop", null, null);
        assertThat(r.body()).isEqualTo(FEED);
        assertThat(r.url()).isEqualTo(base + "/feed");
    }

    @Test
    void aRedirectLoopEndsAfterFiveHops() {
        assertThatThrownBy(() -> fetcher().fetch(base + "/loop", null, null))
                .isInstanceOf(FetchException.class).hasMessage("too many redirects (more than 5)");
        assertThat(requests).hasSize(6);
    }

    @Test
    void aRedirectToANonPublicAddressIsRefusedBeforeConnecting() throws IOException {
        // a listener on another loopback address the allow-list does not name: it must see no connection
        ServerSocket trap;
        try {
            trap = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
        } catch (IOException e) {
            trap = null; // no 127.0.0.2 here: the metadata case below still shows the refusal
        }
        try {
            if (trap != null) {
                trap.setSoTimeout(200);
                String target = "http://127.0.0.2:" + trap.getLocalPort() + "/feed";
                assertThatThrownBy(() -> fetcher().fetch(base + "/to-private?to=" + target, null, null))
                        .isInstanceOf(IngestException.class).hasMessageContaining("refused 127.0.0.2")
                        .hasMessageContaining("loopback");
                assertThatThrownBy(trap::accept).isInstanceOf(SocketTimeoutException.class);
            }
            assertThatThrownBy(() -> fetcher().fetch(base + "/to-private?to=http://169.254.169.254/latest/", null, null))
                    .hasMessageContaining("cloud metadata address");
            assertThatThrownBy(() -> fetcher().fetch(base + "/to-private?to=file:///etc/passwd", null, null))
                    .hasMessageContaining("only http and https");
        } finally {
            if (trap != null) {
                trap.close();
            }
        }
    }

    @Test
    void theFirstUrlPassesTheGuardToo() {
        Fetcher strict = new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 1000, "test");
        assertThatThrownBy(() -> strict.fetch(base + "/feed", null, null)).hasMessageContaining("loopback");
        assertThat(requests).isEmpty();
    }

    @Test
    void errorStatusesCarryStatusAndRetryAfter() {
        FetchException e = (FetchException) org.assertj.core.api.Assertions.catchThrowable(
                () -> fetcher().fetch(base + "/busy", null, null));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.getMessage()).isEqualTo("HTTP 429 Too Many Requests");
        Instant now = Instant.parse("2026-11-03T10:00:00Z");
        assertThat(e.retryAt(now)).contains(now.plusSeconds(120));

        FetchException missing = (FetchException) org.assertj.core.api.Assertions.catchThrowable(
                () -> fetcher().fetch(base + "/nothing-here", null, null));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.getMessage()).isEqualTo("HTTP 404 Not Found");
    }

    @Test
    void retryAfterTakesSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-03T10:00:00Z");
        assertThat(FetchException.parseRetryAfter("30", now)).contains(now.plusSeconds(30));
        assertThat(FetchException.parseRetryAfter("Tue, 03 Nov 2026 12:00:00 GMT", now))
                .contains(Instant.parse("2026-11-03T12:00:00Z"));
        assertThat(FetchException.parseRetryAfter("soon", now)).isEmpty();
        assertThat(FetchException.parseRetryAfter(null, now)).isEmpty();
    }

    @Test
    void aStreamedBodyOverTheCapIsCutOffNotBuffered() {
        assertThatThrownBy(() -> fetcher().fetch(base + "/big", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("cut off while reading");
        // the server could not write the 50 MB: the client stopped reading soon after 1 MB
        assertThat(bigBytesWritten.get()).isLessThan(50L * 1024 * 1024);
    }

    @Test
    void aDeclaredBodyOverTheCapIsRefusedFromItsContentLength() {
        assertThatThrownBy(() -> fetcher().fetch(base + "/big-declared", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("Content-Length 52428800");
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheReadTimeout() {
        assertThatThrownBy(() -> fetcher(Duration.ofMillis(300), Duration.ofSeconds(20), 1000).fetch(base + "/silent", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("read timed out");
    }

    @Test
    void silenceAfterTheHeadersEndsAtTheReadTimeout() {
        assertThatThrownBy(() -> fetcher(Duration.ofMillis(300), Duration.ofSeconds(20), 1000)
                .fetch(base + "/headers-then-silence", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("read timed out");
    }

    @Test
    void theDeadlineCoversTheWholeFetch() {
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(20), Duration.ofMillis(400), 1000).fetch(base + "/silent", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("deadline of 400 ms");
        FetchException e = (FetchException) org.assertj.core.api.Assertions.catchThrowable(
                () -> fetcher(Duration.ofSeconds(20), Duration.ofMillis(400), 1000).fetch(base + "/headers-then-silence", null, null));
        assertThat(e.getMessage()).contains("deadline of 400 ms");
        assertThat(e.status()).isZero();
    }

    @Test
    void fileUrlsStillWork() {
        Fetcher.Result r = fetcher().fetch("file:config/demo/feeds/tech-news.xml", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isNotEmpty();
    }

    @Test
    void aRefusedConnectionIsAFetchError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> fetcher().fetch("http://127.0.0.1:" + port + "/", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("connection refused");
    }
}
