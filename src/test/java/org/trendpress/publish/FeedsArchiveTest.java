package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.testing.MutableClock;
import org.trendpress.app.Application;
import org.trendpress.app.TestConfig;
import org.trendpress.render.IssueJson;
import org.trendpress.render.IssueModel;

/**
 * A 22-issue archive through the running application: the feeds keep the 20 newest, the archive
 * index lists all 22, and the feeds are served over HTTP with their media types, ETag and
 * Last-Modified, answering conditional GETs with 304.
 */
class FeedsArchiveTest {

    private static final Instant FIRST = Instant.parse("2025-01-02T08:00:00Z");

    @TempDir
    Path tmp;

    private Application app;
    private String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        int port = TestConfig.freePort();
        base = "http://127.0.0.1:" + port;
        Map<String, String> o = TestConfig.overrides(tmp, Path.of("config/demo/sources.yaml"));
        o.put("trendpress.base-url", base);
        o.put("camel.server.port", String.valueOf(port));
        app = new Application(TestConfig.settings(o), Path.of("routes"), new MutableClock(FIRST));
        app.start(Application.Mode.SERVE);
        PublishSettings settings = app.publisher().settings();
        YearMonth month = YearMonth.of(2024, 12);
        for (int i = 0; i < 22; i++) {
            publishDirectly(settings, month.plusMonths(i), FIRST.plusSeconds(31L * 86400 * i));
        }
        app.publisher().writeArchive();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void feedsKeepTheTwentyNewestAndTheIndexListsAll() throws Exception {
        String index = get("/issues/", Map.of()).body();
        Matcher m = Pattern.compile("href=\"(\\d{4}-\\d{2})/\"").matcher(index);
        List<String> listed = m.results().map(r -> r.group(1)).distinct().toList();
        assertThat(listed).hasSize(22).contains("2024-12", "2025-01", "2026-09");

        SyndFeed rss = new SyndFeedInput().build(new StringReader(get("/issues/feed.xml", Map.of()).body()));
        SyndFeed atom = new SyndFeedInput().build(new StringReader(get("/issues/atom.xml", Map.of()).body()));
        var json = new ObjectMapper().readTree(get("/issues/feed.json", Map.of()).body());
        for (SyndFeed f : List.of(rss, atom)) {
            assertThat(f.getEntries()).hasSize(20);
            assertThat(f.getEntries().get(0).getLink()).isEqualTo(base + "/issues/2026-09/");
            assertThat(f.getEntries()).extracting(SyndEntry::getLink)
                    .doesNotContain(base + "/issues/2024-12/", base + "/issues/2025-01/")
                    .contains(base + "/issues/2025-02/");
        }
        assertThat(json.path("items")).hasSize(20);
        assertThat(json.path("items").get(19).path("id").asText()).isEqualTo(base + "/issues/2025-02/");
        // the full issue is in each entry, its links absolute
        assertThat(atom.getEntries().get(0).getContents().get(0).getValue())
                .contains("Notes for 2026-09.").doesNotContain("href=\"/").doesNotContain("<html");
    }

    @Test
    void feedsAreServedWithTheirMediaTypesAndValidators() throws Exception {
        Map<String, String> types = Map.of(
                "/issues/feed.xml", "application/rss+xml",
                "/issues/atom.xml", "application/atom+xml",
                "/issues/feed.json", "application/feed+json");
        for (Map.Entry<String, String> t : types.entrySet()) {
            HttpResponse<String> ok = get(t.getKey(), Map.of());
            assertThat(ok.statusCode()).as(t.getKey()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).get().asString().startsWith(t.getValue());
            String etag = ok.headers().firstValue("ETag").orElseThrow();
            String lastModified = ok.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(etag).matches("\"[0-9a-f]{32}\"");
            ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);

            HttpResponse<String> same = get(t.getKey(), Map.of("If-None-Match", etag));
            assertThat(same.statusCode()).as("If-None-Match " + t.getKey()).isEqualTo(304);
            assertThat(same.body()).isEmpty();
            assertThat(same.headers().firstValue("ETag")).contains(etag);
            assertThat(get(t.getKey(), Map.of("If-None-Match", "\"other\", W/" + etag)).statusCode()).isEqualTo(304);
            assertThat(get(t.getKey(), Map.of("If-Modified-Since", lastModified)).statusCode()).isEqualTo(304);
            assertThat(get(t.getKey(), Map.of("If-None-Match", "\"other\"")).statusCode()).isEqualTo(200);
            assertThat(get(t.getKey(), Map.of("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")).statusCode())
                    .isEqualTo(200);
        }
    }

    private void publishDirectly(PublishSettings settings, YearMonth month, Instant at) {
        String m = month.toString();
        IssueModel issue = new IssueModel(settings.newsletterName(), m, m, settings.newsletterName() + " — " + m,
                "Summary of " + m + ".", List.of("Notes for " + m + "."), List.of(), List.of(), List.of(), List.of(),
                new IssueModel.Links(settings.issueUrl(m), settings.archiveUrl(), settings.feedUrl(),
                        settings.subscribeUrl()), at);
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        app.database().jdbi().useHandle(h -> {
            long draft = h.createUpdate("INSERT INTO drafts (month, window_start, window_end, state, summary, created_at,"
                            + " updated_at) VALUES (:m, :t, :t, 'published', :s, :t, :t)")
                    .bind("m", m).bind("t", t).bind("s", issue.summary())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO issues (draft_id, month, title, summary, content_json, published_at, updated_at)"
                            + " VALUES (:d, :m, :ti, :s, :j, :t, :t)")
                    .bind("d", draft).bind("m", m).bind("ti", issue.title()).bind("s", issue.summary())
                    .bind("j", IssueJson.write(issue)).bind("t", t).execute();
        });
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
