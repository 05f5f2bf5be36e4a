package org.trendpress.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public archive over HTTP: HEAD answers like GET without a body on issue pages, the index
 * and the three archive feeds, with the same ETag, Last-Modified, media type and length;
 * conditional GET and HEAD (If-None-Match, If-Modified-Since) answer 304 for pages as for feeds.
 */
class WebArchiveHttpTest {

    private static final String[] PATHS = {"/issues/", "/issues/2026-10/", "/issues/2026-10/index.html",
        "/issues/feed.xml", "/issues/atom.xml", "/issues/feed.json"};

    @TempDir
    Path tmp;

    private WebTestApp web;

    @BeforeEach
    void start() throws Exception {
        web = new WebTestApp(tmp);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        web.publishOctober();
        for (String path : PATHS) {
            HttpResponse<byte[]> get = web.request("GET", path);
            HttpResponse<byte[]> head = web.request("HEAD", path);
            assertThat(get.statusCode()).as(path).isEqualTo(200);
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(get.body()).as(path).isNotEmpty();
            for (String h : new String[] {"Content-Type", "ETag", "Last-Modified", "Cache-Control", "X-Content-Type-Options"}) {
                assertThat(head.headers().firstValue(h)).as(path + " " + h).isPresent()
                        .isEqualTo(get.headers().firstValue(h));
            }
            assertThat(head.headers().firstValue("Content-Length")).as(path)
                    .hasValue(String.valueOf(get.body().length));
        }
        assertThat(web.request("HEAD", "/issues/feed.xml").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/rss+xml"));
        assertThat(web.request("HEAD", "/issues/2026-10/").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        // an HTTP-date (RFC 9110 IMF-fixdate: two-digit day) and the archive's cache policy
        assertThat(web.request("HEAD", "/issues/2026-10/").headers().firstValue("Last-Modified")).hasValueSatisfying(
                d -> assertThat(d).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
        assertThat(web.request("HEAD", "/issues/feed.xml").headers().firstValue("Cache-Control")).hasValue("public, no-cache");
        // what GET does not find, HEAD does not either; a folder without its slash redirects alike
        assertThat(web.request("HEAD", "/issues/1999-01/").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> folder = web.request("HEAD", "/issues/2026-10");
        assertThat(folder.statusCode()).isEqualTo(303);
        assertThat(folder.headers().firstValue("Location")).hasValue("/issues/2026-10/");
        // the home page redirects HEAD as it redirects GET
        assertThat(web.request("HEAD", "/").statusCode()).isEqualTo(303);
    }

    @Test
    void headWritesNoBodyOnTheWireAndA304NoLength() throws Exception {
        web.publishOctober();
        String etag = web.request("GET", "/issues/2026-10/").headers().firstValue("ETag").orElseThrow();
        int port = Integer.parseInt(web.base.substring(web.base.lastIndexOf(':') + 1));
        // three requests on one connection: had HEAD or the 304 carried a body, the next answer would not parse
        String requests = "HEAD /issues/2026-10/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /issues/2026-10/ HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: " + etag + "\r\n\r\n"
                + "HEAD /issues/feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        String wire;
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            wire = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] answers = wire.split("\r\n\r\n", -1);
        assertThat(answers).as(wire).hasSize(4);
        assertThat(answers[0]).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: ")
                .containsIgnoringCase("ETag: " + etag);
        assertThat(answers[1]).startsWith("HTTP/1.1 304").doesNotContainIgnoringCase("Content-Length")
                .doesNotContainIgnoringCase("Transfer-Encoding");
        assertThat(answers[2]).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/rss+xml");
        assertThat(answers[3]).isEmpty();
    }

    @Test
    void conditionalGetAndHeadHoldForPagesAsForFeeds() throws Exception {
        web.publishOctober();
        for (String path : PATHS) {
            HttpResponse<byte[]> get = web.request("GET", path);
            String etag = get.headers().firstValue("ETag").orElseThrow();
            String lastModified = get.headers().firstValue("Last-Modified").orElseThrow();
            for (String method : new String[] {"GET", "HEAD"}) {
                HttpResponse<byte[]> byTag = web.request(method, path, "If-None-Match", etag);
                assertThat(byTag.statusCode()).as(method + " " + path).isEqualTo(304);
                assertThat(byTag.body()).isEmpty();
                assertThat(byTag.headers().firstValue("ETag")).hasValue(etag);
                assertThat(web.request(method, path, "If-None-Match", "W/" + etag + ", \"other\"").statusCode())
                        .as(method + " " + path + " weak in a list").isEqualTo(304);
                assertThat(web.request(method, path, "If-Modified-Since", lastModified).statusCode())
                        .as(method + " " + path).isEqualTo(304);
                assertThat(web.request(method, path, "If-None-Match", "\"stale\"").statusCode())
                        .as(method + " " + path + " changed").isEqualTo(200);
                // If-None-Match wins over If-Modified-Since when both are sent
                assertThat(web.request(method, path, "If-None-Match", "\"stale\"", "If-Modified-Since", lastModified)
                        .statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aCorrectionChangesThePagesValidators() throws Exception {
        web.publishOctober();
        HttpResponse<byte[]> before = web.request("GET", "/issues/2026-10/");
        String etag = before.headers().firstValue("ETag").orElseThrow();
        web.clock.advance(Duration.ofDays(1));
        web.app.publisher().correct("2026-10", i -> new org.trendpress.render.IssueModel(i.newsletterName(), i.month(),
                i.monthLabel(), i.title(), "A corrected summary.", i.intro(), i.news(), i.research(), i.datasets(),
                i.references(), i.links(), i.publishedAt()));
        HttpResponse<byte[]> after = web.request("GET", "/issues/2026-10/", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("A corrected summary.");
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
    }

    @Test
    void theEmptyArchiveAnswersHeadAndConditionalGetToo() throws Exception {
        HttpResponse<byte[]> get = web.request("GET", "/issues/");
        HttpResponse<byte[]> head = web.request("HEAD", "/issues/");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        String etag = get.headers().firstValue("ETag").orElseThrow();
        assertThat(head.headers().firstValue("ETag")).hasValue(etag);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(get.body().length));
        assertThat(web.request("GET", "/issues/", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void theArchiveIsReadOnly() throws Exception {
        web.publishOctober();
        HttpResponse<byte[]> post = web.request("POST", "/issues/feed.xml");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(web.request("DELETE", "/issues/2026-10/").statusCode()).isEqualTo(405);
    }
}
