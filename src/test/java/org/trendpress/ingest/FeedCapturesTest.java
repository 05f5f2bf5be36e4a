package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.trendpress.testing.SharedData;

/**
 * Every XML capture of lab blogs, scraper-built feeds, poll histories and tech news parses into
 * as many Items as it has entries, counted independently by a bare StAX pass and checked against
 * {@code _meta/file_index.tsv}, with titles, links, and dates and authors where the file has them.
 */
class FeedCapturesTest {

    private final FeedParser parser = new FeedParser();

    @TestFactory
    Stream<DynamicTest> aiBlogFeeds() throws IOException {
        return capturesUnder("ai-blog-feeds");
    }

    @TestFactory
    Stream<DynamicTest> techNewsFeeds() throws IOException {
        return capturesUnder("tech-news-feeds");
    }

    @TestFactory
    Stream<DynamicTest> arxivRss() throws IOException {
        return capturesUnder("arxiv/rss-2024-format");
    }

    @Test
    void pollHistoryReplayedInOrderYieldsEachItemOnce() throws IOException {
        Path history = SharedData.require("ai-blog-feeds/poll-history");
        List<Path> feeds;
        try (Stream<Path> s = Files.list(history)) {
            feeds = s.flatMap(FeedCapturesTest::subdirs).sorted().toList();
        }
        assertThat(feeds).isNotEmpty();
        for (Path feed : feeds) {
            List<Path> snapshots;
            try (Stream<Path> s = Files.list(feed)) {
                snapshots = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList(); // commit date order
            }
            Set<String> seen = new HashSet<>();
            int newItems = 0;
            int sightings = 0;
            for (Path snapshot : snapshots) {
                ParsedFeed parsed = parser.parse(feed.getFileName().toString(), Files.readAllBytes(snapshot), null);
                for (Item item : parsed.items()) {
                    sightings++;
                    if (seen.add(item.guid())) {
                        newItems++;
                    }
                }
            }
            assertThat(newItems).as(feed.toString()).isPositive().isLessThanOrEqualTo(sightings);
            assertThat(seen).hasSize(newItems);
        }
    }

    private static Stream<Path> subdirs(Path p) {
        try {
            return Files.isDirectory(p) ? Files.list(p).filter(Files::isDirectory) : Stream.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Stream<DynamicTest> capturesUnder(String group) throws IOException {
        Path dir = SharedData.require(group);
        Map<String, Integer> indexed = fileIndexCounts(dir.getParent().getParent().resolve("_meta/file_index.tsv"),
                dir);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".json") && !p.toString().endsWith(".opml"))
                    .sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(p -> DynamicTest.dynamicTest(dir.relativize(p).toString(),
                () -> checkCapture(p, indexed.get(p.toAbsolutePath().normalize().toString()))));
    }

    private void checkCapture(Path file, Integer indexedCount) throws Exception {
        byte[] body = Files.readAllBytes(file);
        ParsedFeed feed = parser.parse("capture", body, null);
        Counts counts = staxCounts(body);
        assertThat(feed.items()).as("items vs a bare StAX count").hasSize(counts.entries);
        if (indexedCount != null) {
            assertThat(feed.items()).as("items vs _meta/file_index.tsv").hasSize(indexedCount);
        }
        // captures are well-formed; the only repairs allowed are of characters (the Paul Graham
        // feed stores cp1252 em dashes as U+0097)
        assertThat(feed.warnings()).as("a well-formed capture needs no structural repair")
                .isSubsetOf(List.of("C1 control characters read as windows-1252", "double-encoded UTF-8 repaired"));
        assertThat(feed.items()).allSatisfy(i -> assertThat(i.title() + i.summaryText())
                .doesNotContainPattern("[\\u0080-\\u009f]"));
        for (Item item : feed.items()) {
            assertThat(item.title()).as("title").isNotBlank();
            assertThat(item.url()).as("link of " + item.title()).isNotBlank();
        }
        long dated = feed.items().stream().filter(i -> i.publishedAt() != null).count();
        assertThat(dated).as("entries with a date").isEqualTo(counts.dated);
        long authored = feed.items().stream().filter(i -> !i.authors().isEmpty()).count();
        assertThat(authored).as("entries with an author").isGreaterThanOrEqualTo(counts.authored);
    }

    /** What a bare StAX pass sees: entries (item/entry under the root or channel), dated, authored. */
    record Counts(int entries, int dated, int authored) {}

    static Counts staxCounts(byte[] body) throws Exception {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(body));
        Deque<String> path = new ArrayDeque<>();
        int entries = 0;
        int dated = 0;
        int authored = 0;
        boolean inEntry = false;
        boolean hasDate = false;
        boolean hasAuthor = false;
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                int depth = path.size();
                boolean entryLevel = depth == 1 || (depth == 2 && path.peek().equals("channel"));
                if (entryLevel && (name.equals("item") || name.equals("entry"))) {
                    entries++;
                    inEntry = true;
                    hasDate = false;
                    hasAuthor = false;
                }
                path.push(name);
                text.setLength(0);
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                String name = path.pop();
                if (inEntry && path.size() >= 1) {
                    boolean nonBlank = !text.toString().isBlank();
                    if (nonBlank && Set.of("pubDate", "published", "updated", "date", "issued", "modified")
                            .contains(name)) {
                        hasDate = true;
                    }
                    if (nonBlank && (name.equals("creator") || name.equals("author") || name.equals("name"))) {
                        hasAuthor = true;
                    }
                }
                int depth = path.size();
                boolean entryLevel = depth == 1 || (depth == 2 && path.peek().equals("channel"));
                if (inEntry && entryLevel && (name.equals("item") || name.equals("entry"))) {
                    inEntry = false;
                    dated += hasDate ? 1 : 0;
                    authored += hasAuthor ? 1 : 0;
                }
                text.setLength(0);
            }
        }
        return new Counts(entries, dated, authored);
    }

    static Map<String, Integer> fileIndexCounts(Path index, Path dir) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        if (!Files.exists(index)) {
            return counts;
        }
        Path dataRoot = index.getParent().getParent();
        for (String line : Files.readAllLines(index)) {
            String[] cols = line.split("\t");
            if (cols.length < 9 || cols[0].equals("group")) {
                continue;
            }
            try {
                counts.put(dataRoot.resolve(cols[5]).toAbsolutePath().normalize().toString(),
                        Integer.parseInt(cols[7]));
            } catch (NumberFormatException ignored) {
                // no count for this row
            }
        }
        return counts;
    }

    static List<String> names(List<Item> items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.title()));
        return out;
    }
}
