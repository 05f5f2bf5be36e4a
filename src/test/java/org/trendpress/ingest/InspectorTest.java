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
}
