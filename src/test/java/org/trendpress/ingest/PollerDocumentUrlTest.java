package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trendpress.classify.RuleClassifier;
import org.trendpress.store.Database;

/** A polled feed's relative links resolve against the URL it was finally read from, after redirects. */
class PollerDocumentUrlTest {

    private HttpServer server;
    private String base;
    private Database db;

    @BeforeEach
    void start() throws IOException {
        byte[] rss = """
                <rss version="2.0"><channel><title>Moved blog</title><link>/</link>
                  <item><guid isPermaLink="false">p1</guid><title>Relative post</title><link>posts/1.html</link></item>
                  <item><guid isPermaLink="false">p2</guid><title>Script link</title><link>javascript:alert(1)</link></item>
                </channel></rss>""".getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/old-feed", ex -> {
            ex.getResponseHeaders().add("Location", "/blog/feed.xml");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/blog/feed.xml", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, rss.length);
            ex.getResponseBody().write(rss);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        db = Database.open("jdbc:h2:mem:poller-url-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        db.close();
    }

    @Test
    void relativeLinksResolveAgainstTheFinalUrl() {
        Fetcher fetcher = new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10), 1_000_000, 5,
                "test", AddressGuard.parse("127.0.0.1"));
        SourceConfig source = new SourceConfig("moved", null, "rss", base + "/old-feed", "0 0 * * * ?", "news", 1.0, true);
        Poller poller = new Poller(List.of(source), db.jdbi(), fetcher, new RuleClassifier(), Clock.systemUTC());
        assertThat(poller.pollAll().sources().get(0).ok()).isTrue();
        List<String> urls = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COALESCE(url, '-') FROM items WHERE source_id = 'moved' ORDER BY guid").mapTo(String.class).list());
        assertThat(urls).containsExactly(base + "/blog/posts/1.html", "-");
    }
}
