package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trendpress.ingest.AddressGuard;
import org.trendpress.ingest.Fetcher;
import org.trendpress.ingest.Poller;
import org.trendpress.ingest.SourceConfig;
import org.trendpress.store.Database;

/** A poll classifies every new item: kind confidence on the item, topics on its Paper. */
class PollerClassifyTest {

    private static final String ARXIV = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
                  xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
              <title>arXiv query results</title>
              <id>https://arxiv.org/api/test</id>
              <opensearch:totalResults>1</opensearch:totalResults>
              <opensearch:startIndex>0</opensearch:startIndex>
              <entry>
                <id>http://arxiv.org/abs/2611.04242v1</id>
                <title>Depth from a single photo with diffusion priors</title>
                <summary>We propose a monocular depth estimator built on an image diffusion model and show that it
                outperforms prior methods on indoor and outdoor benchmarks.</summary>
                <published>2026-11-02T10:00:00Z</published>
                <updated>2026-11-02T10:00:00Z</updated>
                <author><name>Ada One</name></author>
                <author><name>Bo Two</name></author>
                <link href="http://arxiv.org/abs/2611.04242v1" rel="alternate" type="text/html"/>
                <arxiv:primary_category term="cs.CV"/>
                <category term="cs.CV"/>
                <category term="cs.LG"/>
              </entry>
            </feed>
            """;

    private static final String LAB = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Lab research</title><link>http://127.0.0.1/</link>
              <item><title>Teaching small models to reason about code</title>
                <link>http://127.0.0.1/research/small-models</link><guid>lab-1</guid>
                <description>In this paper we present a training recipe for small language models and show it
                  outperforms larger models on coding benchmarks. Paper: https://arxiv.org/abs/2611.05555</description>
                <pubDate>Mon, 03 Nov 2026 09:00:00 GMT</pubDate></item>
            </channel></rss>
            """;

    private HttpServer server;
    private Database db;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> bodies = Map.of("/arxiv", ARXIV, "/lab", LAB);
        server.createContext("/", ex -> {
            byte[] b = bodies.getOrDefault(ex.getRequestURI().getPath(), "").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/xml");
            ex.sendResponseHeaders(b.length == 0 ? 404 : 200, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        db = Database.open("jdbc:h2:mem:pollcls-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        db.close();
    }

    @Test
    void aPollStoresKindConfidenceAndPaperTopics() {
        Fetcher fetcher = new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20), 1_000_000, 5,
                "test", AddressGuard.parse("127.0.0.1"));
        List<SourceConfig> sources = List.of(
                new SourceConfig("arxiv-cv", "arXiv", "arxiv-api", base + "/arxiv", "0 0 * * * ?", "research", 1.0, true),
                new SourceConfig("lab", "Lab", "rss", base + "/lab", "0 0 * * * ?", "mixed", 1.0, true));
        new Poller(sources, db.jdbi(), fetcher, Classifier.bundled(), Clock.systemUTC()).pollAll();

        db.jdbi().useHandle(h -> {
            List<Map<String, Object>> items = h.createQuery("SELECT source_id, kind, kind_confidence, kind_reason, paper_id"
                    + " FROM items ORDER BY source_id").mapToMap().list();
            assertThat(items).hasSize(2);
            for (Map<String, Object> i : items) {
                assertThat(i.get("kind")).isEqualTo("research");
                assertThat(((Number) i.get("kind_confidence")).doubleValue()).isBetween(0.5, 1.0).isNotEqualTo(1.0);
                assertThat((String) i.get("kind_reason")).containsAnyOf("model", "rule");
                assertThat(i.get("paper_id")).isNotNull();
            }
            long arxivPaper = ((Number) items.get(0).get("paper_id")).longValue();
            List<Map<String, Object>> topics = h.createQuery("SELECT topic, confidence, source FROM paper_topics"
                    + " WHERE paper_id=:p").bind("p", arxivPaper).mapToMap().list();
            assertThat(topics).singleElement().satisfies(t -> {
                assertThat(t.get("topic")).isEqualTo("vision");
                assertThat(t.get("source")).isEqualTo("arxiv");
            });
            long labPaper = ((Number) items.get(1).get("paper_id")).longValue();
            assertThat(h.createQuery("SELECT source FROM paper_topics WHERE paper_id=:p").bind("p", labPaper)
                    .mapTo(String.class).list()).isNotEmpty().containsOnly("model");
        });
    }
}
