package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorTest {

    private static final String DIR = "src/test/resources/inspect/";

    @TempDir
    Path tmp;

    private final Inspector inspector = new Inspector(
            new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 1_000_000, 5, "trendpress-test", AddressGuard.parse("127.0.0.1")), 1_000_000);

    @Test
    void readsAFileWithTheIngestParserAndFormatsOneLinePerItem() {
        ParsedFeed feed = inspector.inspect(DIR + "lab.rss");
        assertThat(feed.items()).hasSize(2);
        assertThat(feed.items()).allSatisfy(i -> assertThat(i.sourceId()).isEqualTo(Inspector.SOURCE_ID));
        assertThat(feed.items().stream().map(i -> Inspector.line("lab.rss", i)).toList()).containsExactly(
                "lab.rss\thttps://harbour-lab.example/posts/tidal-attention\t"
                        + "Tidal attention: routing long contexts by the moon\t2026-10-06T14:05:00Z\t3\t2610.07777",
                "lab.rss\thttps://harbour-lab.example/posts/moving-day\tWe moved to a new building\t\t0\t");
    }

    @Test
    void readsAtomAndFileUrlsAndEmptyFeeds() {
        ParsedFeed atom = inspector.inspect("file:" + DIR + "notes.atom");
        assertThat(atom.items()).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Counting pebbles with small models");
            assertThat(i.publishedAt()).isEqualTo(Instant.parse("2026-10-08T19:30:00Z"));
        });
        assertThat(inspector.inspect(Path.of(DIR, "lab.rss").toAbsolutePath().toUri().toString()).items()).hasSize(2);
        assertThat(inspector.inspect(DIR + "empty.rss").items()).isEmpty();
    }

    @Test
    void columnsAreDefinedInOnePlaceInOrder() {
        assertThat(Inspector.Column.names()).containsExactly("input", "link", "title", "published", "authors", "arxiv_id");
    }

    @Test
    void fieldsNeverBreakTheLine() {
        Item item = new Item("inspect", "g", null, null, "two\tcolumns\nand\r\nlines\u2028here", "", "",
                List.of("A", "B"), null, null, null, List.of());
        String line = Inspector.line("in\tput", item);
        assertThat(line).isEqualTo("in put\t\ttwo columns and  lines here\t\t2\t");
        assertThat(line.split("\t", -1)).hasSize(Inspector.Column.values().length);
    }

    @Test
    void everyFailureIsAnIngestExceptionWithOneLine() throws Exception {
        Path big = tmp.resolve("big.xml");
        Files.write(big, new byte[2_000_001]);
        Inspector small = new Inspector(
                new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 2_000_000, 5, "trendpress-test", AddressGuard.parse("127.0.0.1")), 2_000_000);
        assertThatThrownBy(() -> inspector.inspect(DIR + "broken.xml")).isInstanceOf(IngestException.class)
                .hasMessageStartingWith("cannot parse feed:").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> inspector.inspect(tmp.resolve("missing.rss").toString()))
                .isInstanceOf(IngestException.class).hasMessage("no such file");
        assertThatThrownBy(() -> inspector.inspect(tmp.toString()))
                .isInstanceOf(IngestException.class).hasMessage("is a directory");
        assertThatThrownBy(() -> small.inspect(big.toString()))
                .isInstanceOf(IngestException.class).hasMessage("file larger than the cap of 2000000 bytes");
        assertThatThrownBy(() -> inspector.inspect("ftp://files.example/feed.xml"))
                .isInstanceOf(IngestException.class).hasMessageStartingWith("unsupported URL scheme");
        assertThatThrownBy(() -> inspector.inspect("http://bad host/feed"))
                .isInstanceOf(IngestException.class).hasMessageStartingWith("invalid URL:");
        assertThatThrownBy(() -> inspector.inspect("https:///feed"))
                .isInstanceOf(IngestException.class).hasMessage("invalid URL: no host");
    }

    @Test
    void aClosedLoopbackPortIsConnectionRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> inspector.inspect("http://127.0.0.1:" + port + "/feed"))
                .isInstanceOf(IngestException.class).hasMessage("fetch failed: connection refused");
    }

    @Test
    void relativeLinksResolveAgainstTheUrlAfterRedirects() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] rss = ("<rss version=\"2.0\"><channel><title>Moved</title><link>/</link>"
                + "<item><title>Post</title><link>posts/1.html</link></item></channel></rss>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.createContext("/old", ex -> {
            ex.getResponseHeaders().add("Location", "/feeds/new.rss");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.createContext("/feeds/new.rss", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, rss.length);
            ex.getResponseBody().write(rss);
            ex.close();
        });
        server.start();
        try {
            String root = "http://127.0.0.1:" + server.getAddress().getPort();
            ParsedFeed feed = inspector.inspect(root + "/old");
            assertThat(feed.link()).isEqualTo(root + "/");
            assertThat(feed.items().get(0).url()).isEqualTo(root + "/feeds/posts/1.html");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFilesRelativeLinksAreNotKeptAsLinks() throws Exception {
        Path feed = tmp.resolve("relative.rss");
        Files.writeString(feed, "<rss version=\"2.0\"><channel><title>Local</title><link>/</link>"
                + "<item><title>Post</title><link>posts/1.html</link></item></channel></rss>");
        ParsedFeed parsed = inspector.inspect(feed.toString());
        assertThat(parsed.items()).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Post");
            assertThat(i.url()).isNull(); // file:.../posts/1.html is no link for readers
        });
    }
}
