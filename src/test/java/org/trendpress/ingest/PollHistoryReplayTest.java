package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.classify.Kind;
import org.trendpress.classify.RuleClassifier;
import org.trendpress.store.Database;
import org.trendpress.testing.SharedData;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * ../shared/data/ai-blog-feeds/poll-history holds the same feeds at several dates. Replayed in
 * date order through the real parser and ItemStore, each distinct entry is stored exactly once,
 * and replaying the history again adds nothing.
 */
class PollHistoryReplayTest {

    @TempDir
    Path dir;
    Database db;
    Jdbi jdbi;
    org.jdbi.v3.core.Handle keeper;
    final ItemStore store = new ItemStore();
    final RuleClassifier classifier = new RuleClassifier();

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "", "");
        jdbi = db.jdbi();
        // keep the embedded database open between transactions: without an open connection H2
        // closes and reopens the file for every handle, which corrupted it under load here
        keeper = jdbi.open();
    }

    @AfterEach
    void close() {
        keeper.close();
        db.close();
    }

    @Test
    void replayingEachFeedsSnapshotsInDateOrderStoresEveryEntryOnce() throws Exception {
        Path history = SharedData.require("ai-blog-feeds/poll-history");
        Map<String, List<Path>> feeds = feeds(history);
        assertThat(feeds).hasSize(3);

        Map<String, Integer> expected = new LinkedHashMap<>();
        for (Map.Entry<String, List<Path>> feed : feeds.entrySet()) {
            String source = feed.getKey();
            jdbi.useHandle(h -> h.execute("INSERT INTO sources (id, type, url) VALUES (?, 'rss', ?)", source,
                    "http://127.0.0.1/" + source));
            Set<String> keys = new LinkedHashSet<>();
            for (Path snapshot : feed.getValue()) {
                keys.addAll(entryKeys(snapshot));
            }
            expected.put(source, keys.size());
        }
        assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(600);

        int added = replay(feeds);
        assertThat(added).isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            int rows = count("SELECT COUNT(*) FROM items WHERE source_id = '" + e.getKey() + "'");
            int distinctGuids = count("SELECT COUNT(DISTINCT guid) FROM items WHERE source_id = '" + e.getKey() + "'");
            assertThat(rows).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(distinctGuids).as(e.getKey()).isEqualTo(rows);
            // none of these feeds re-announces an entry under a new guid
            assertThat(count("SELECT COUNT(*) FROM items WHERE repeat_of IS NOT NULL AND source_id = '" + e.getKey() + "'"))
                    .as(e.getKey()).isZero();
        }
        int papers = count("SELECT COUNT(*) FROM papers");
        int items = count("SELECT COUNT(*) FROM items");
        // every Hugging Face entry links its arXiv abs page: one paper each
        assertThat(count("SELECT COUNT(DISTINCT paper_id) FROM items WHERE source_id = 'mibuhand-AI-News-Direct/huggingface_daily_papers'"))
                .isEqualTo(expected.get("mibuhand-AI-News-Direct/huggingface_daily_papers"));

        // a second replay (a restart re-polling the same bodies) adds nothing
        assertThat(replay(feeds)).isZero();
        assertThat(count("SELECT COUNT(*) FROM items")).isEqualTo(items);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(papers);
    }

    /** Replays every feed's snapshots in date order, one transaction per snapshot; returns the items added. */
    private int replay(Map<String, List<Path>> feeds) throws IOException {
        Connector rss = new Connectors().forType("rss");
        int added = 0;
        for (Map.Entry<String, List<Path>> feed : feeds.entrySet()) {
            for (Path snapshot : feed.getValue()) {
                Instant seen = LocalDate.parse(snapshot.getFileName().toString().substring(0, 10))
                        .atStartOfDay().toInstant(ZoneOffset.UTC);
                ParsedFeed parsed = rss.parse(feed.getKey(), Files.readAllBytes(snapshot), "application/xml");
                added += jdbi.inTransaction(h -> {
                    int n = 0;
                    for (Item item : parsed.items()) {
                        List<String> links = new ArrayList<>();
                        if (item.url() != null) {
                            links.add(item.url());
                        }
                        links.addAll(item.links());
                        RuleClassifier.Decision d = classifier.classify(item.title(), item.summaryText(), item.arxivId(),
                                item.doi(), links, "mixed");
                        if (store.save(h, item, d.kind().code(), d.reason(), d.kind() == Kind.RESEARCH, seen)) {
                            n++;
                        }
                    }
                    return n;
                });
            }
        }
        return added;
    }

    /** feed folder (owner/feed) → snapshots sorted by their commit date. */
    private static Map<String, List<Path>> feeds(Path history) throws IOException {
        Map<String, List<Path>> feeds = new LinkedHashMap<>();
        try (Stream<Path> owners = Files.list(history)) {
            for (Path owner : owners.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> fs = Files.list(owner)) {
                    for (Path feed : fs.filter(Files::isDirectory).sorted().toList()) {
                        try (Stream<Path> snaps = Files.list(feed)) {
                            feeds.put(owner.getFileName() + "/" + feed.getFileName(),
                                    snaps.filter(p -> p.toString().endsWith(".xml")).sorted().toList());
                        }
                    }
                }
            }
        }
        return feeds;
    }

    /**
     * The distinct entries of a snapshot, read independently of the product's parser: an RSS
     * item's guid (else its link), an Atom entry's id (else its link).
     */
    private static Set<String> entryKeys(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        Set<String> keys = new LinkedHashSet<>();
        for (String tag : List.of("item", "entry")) {
            NodeList entries = doc.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < entries.getLength(); i++) {
                Element e = (Element) entries.item(i);
                String key = tag.equals("item") ? child(e, "guid") : child(e, "id");
                if (key == null) {
                    key = child(e, "link");
                }
                if (key == null) {
                    NodeList links = e.getElementsByTagNameNS("*", "link");
                    key = links.getLength() > 0 ? ((Element) links.item(0)).getAttribute("href") : null;
                }
                assertThat(key).as("entry %d of %s has a guid, id or link", i, file).isNotBlank();
                keys.add(key.strip());
            }
        }
        return keys;
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && name.equals(c.getLocalName()) && !c.getTextContent().isBlank()) {
                return c.getTextContent();
            }
        }
        return null;
    }

    private int count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
