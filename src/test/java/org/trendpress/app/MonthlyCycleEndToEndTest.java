package org.trendpress.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.audience.Subscriber;
import org.trendpress.curate.Draft;
import org.trendpress.ingest.Poller;

/**
 * The whole monthly cycle through the running application: fixture feeds served over loopback
 * HTTP → poll → draft → an editor selects, writes and approves over HTTP → publish → GreenMail
 * receives one multipart/alternative message per confirmed subscriber → the archive feed parses.
 */
class MonthlyCycleEndToEndTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    private HttpServer feeds;
    private Application app;
    private String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(
            "editor:editor-test-password".getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void start() throws Exception {
        feeds = TestConfig.demoFeedServer();
        int port = TestConfig.freePort();
        base = "http://127.0.0.1:" + port;
        Map<String, String> o = TestConfig.demoServe(tmp, feeds, port, greenMail.getSmtp().getPort());
        app = new Application(TestConfig.settings(o), Path.of("routes"), Clock.systemUTC());
        app.start(Application.Mode.SERVE);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        feeds.stop(0);
    }

    @Test
    void fromFeedsToInboxes() throws Exception {
        ProducerTemplate camel = app.producer();
        Poller.Report polled = camel.requestBody("direct:ingest-poll", (Object) null, Poller.Report.class);
        assertThat(polled.sources()).as(polled.toString()).hasSize(4).allMatch(Poller.SourceResult::ok);
        Draft draft = camel.requestBody("direct:curate-open-draft", "2026-10", Draft.class);

        app.subscribers().addConfirmed("ada@example.org");
        app.subscribers().addConfirmed("grace@example.net");
        app.subscribers().subscribe("pending@example.org");
        Subscriber leaver = app.subscribers().addConfirmed("leaver@example.com");
        assertThat(app.subscribers().unsubscribe(app.subscribers().unsubscribeToken(leaver))).isTrue();

        // the editor works in the web workspace
        String page = get("/editor/drafts/2026-10", auth).body();
        String csrf = first(page, "name=\"csrf\" value=\"([^\"]+)\"");
        List<String> research = candidateIds(page, "research");
        List<String> news = candidateIds(page, "news");
        assertThat(research).as(page).isNotEmpty();
        assertThat(news).as(page).isNotEmpty();
        String path = "/editor/drafts/2026-10/";
        assertThat(post(path + "select", csrf, "candidate", research.get(0), "slot", "research").statusCode()).isEqualTo(303);
        assertThat(post(path + "select", csrf, "candidate", news.get(0), "slot", "news").statusCode()).isEqualTo(303);
        // a paper that introduces a benchmark is proposed for Datasets & Benchmarks; selecting it there drafts its TL;DR
        Matcher proposed = Pattern.compile("(?s)<tr id=\"candidate-(\\d+)\">(?:(?!</tr>).)*?Proposed for Datasets")
                .matcher(page);
        String dataset = null;
        while (proposed.find() && (dataset == null || dataset.equals(research.get(0)))) {
            dataset = proposed.group(1);
        }
        assertThat(dataset).as(page).isNotNull().isNotEqualTo(research.get(0));
        assertThat(post(path + "select", csrf, "candidate", dataset, "slot", "datasets").statusCode()).isEqualTo(303);
        String tldr = app.drafts().candidate(draft.id(), Long.parseLong(dataset)).why();
        assertThat(tldr).isNotBlank();
        // the selected paper got related works, which the editor can remove
        String selectedPage = get("/editor/drafts/2026-10", auth).body();
        assertThat(selectedPage).contains("Related works", "Remove related");
        String relatedTitle = app.drafts().candidate(draft.id(), Long.parseLong(research.get(0))).related().get(0).title();
        post(path + "notes", csrf, "candidate", research.get(0), "why", "It changes how we train <b>models</b>.",
                "insights", "First insight.\n\nSecond insight.");
        post(path + "intro", csrf, "summary", "Agents, benchmarks and four-bit training.", "intro", "Hello readers.");
        String publishAt = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString();
        assertThat(post(path + "approve", csrf, "publish_at", publishAt).statusCode()).isEqualTo(303);
        assertThat(app.drafts().get(draft.id()).state()).isEqualTo("approved");

        List<?> published = camel.requestBody("direct:publish-issue", (Object) null, List.class);
        assertThat(published).hasSize(1);

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(Arrays.stream(received).map(m -> recipient(m)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("ada@example.org", "grace@example.net");
        assertThat(received).hasSize(2);
        for (MimeMessage m : received) {
            assertThat(m.getContentType()).startsWith("multipart/alternative");
            Multipart parts = (Multipart) m.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            // the HTML with the topic chart as an inline part: multipart/related (text/html, image/png)
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("multipart/related");
            Multipart related = (Multipart) parts.getBodyPart(1).getContent();
            assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html");
            String html = (String) related.getBodyPart(0).getContent();
            assertThat(html).contains("It changes how we train &lt;b&gt;models&lt;/b&gt;.").contains("src=\"cid:topics\"");
            assertThat(related.getBodyPart(1).getContentType()).startsWith("image/png");
            assertThat(((jakarta.mail.internet.MimeBodyPart) related.getBodyPart(1)).getContentID()).isEqualTo("<topics>");
            assertThat(m.getHeader("List-Unsubscribe")[0]).contains(base + "/unsubscribe?token=");
            assertThat(m.getSubject()).isEqualTo("Trends in AI — October 2026");
        }

        // the archive feed, served over HTTP with its media type and validators
        HttpResponse<byte[]> feed = http.send(HttpRequest.newBuilder(URI.create(base + "/issues/feed.xml")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/rss+xml"));
        SyndFeed parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(feed.body())));
        assertThat(parsed.getEntries()).hasSize(1);
        assertThat(parsed.getEntries().get(0).getTitle()).isEqualTo("Trends in AI — October 2026");
        assertThat(parsed.getEntries().get(0).getLink()).isEqualTo(base + "/issues/2026-10/");
        String etag = feed.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/issues/feed.xml"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);

        HttpResponse<String> issuePage = get("/issues/2026-10/", null);
        assertThat(issuePage.statusCode()).isEqualTo(200);
        assertThat(issuePage.body()).contains("Agents, benchmarks and four-bit training.");
        assertThat(issuePage.body()).contains("Related: ").contains(relatedTitle.replace("&", "&amp;"));
        String datasets = first(issuePage.body(), "(?s)(<section class=\"datasets\".*?</section>)");
        assertThat(datasets).contains(tldr.replace("&", "&amp;"));
    }

    @Test
    void editorsCorrectKindAndTopicsOverHttpWithTheCsrfToken() throws Exception {
        app.producer().requestBody("direct:ingest-poll", (Object) null);
        app.producer().requestBody("direct:curate-open-draft", "2026-10", Draft.class);
        String page = get("/editor/drafts/2026-10", auth).body();
        String csrf = first(page, "name=\"csrf\" value=\"([^\"]+)\"");
        String news = candidateIds(page, "news").get(0);
        String paper = candidateIds(page, "research").get(0);
        String path = "/editor/drafts/2026-10/";

        // without the token: refused, nothing stored
        assertThat(post(path + "kind", "forged", "candidate", news, "kind", "other").statusCode()).isEqualTo(403);
        assertThat(post(path + "topics", "forged", "candidate", paper, "topic", "language").statusCode()).isEqualTo(403);
        assertThat(correctionCount()).isZero();

        // hostile or unknown values: a clear 422, nothing stored
        HttpResponse<String> script = post(path + "topics", csrf, "candidate", paper, "topic", "vision",
                "topic", "<script>alert(1)</script>");
        assertThat(script.statusCode()).isEqualTo(422);
        assertThat(script.body()).contains("unknown topic", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
        assertThat(post(path + "kind", csrf, "candidate", news, "kind", "<b>news</b>").statusCode()).isEqualTo(422);
        assertThat(correctionCount()).isZero();

        // a news story corrected to other leaves the news candidates at once
        assertThat(post(path + "kind", csrf, "candidate", news, "kind", "other").statusCode()).isEqualTo(303);
        page = get("/editor/drafts/2026-10", auth).body();
        assertThat(candidateIds(page, "news")).doesNotContain(news);
        // a paper's topics set by the editor replace the model's and show in its reasons
        assertThat(post(path + "topics", csrf, "candidate", paper, "topic", "speech-audio", "topic", "language")
                .statusCode()).isEqualTo(303);
        String row = first(get("/editor/drafts/2026-10", auth).body(),
                "(?s)(<tr id=\"candidate-" + paper + "\">.*?</tr>)");
        assertThat(row).containsPattern("topic: (speech-audio|language)");
        assertThat(row).containsPattern("value=\"speech-audio\"\\s+checked");
        // one kind row per story of the corrected event, one topics row; all by the signed-in editor
        List<String> rows = app.database().jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT target || ':' || editor"
                + " FROM corrections").mapTo(String.class).list());
        assertThat(rows).containsExactlyInAnyOrder("kind:editor", "topics:editor");
    }

    private int correctionCount() {
        return app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM corrections")
                .mapTo(Integer.class).one());
    }

    @Test
    void anEmptyArchiveIsAPageNotAnError() throws Exception {
        HttpResponse<String> archive = get("/issues/", null);
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.body()).contains("Trends in AI");
        assertThat(get("/", null).headers().firstValue("Location")).contains("/issues/");
    }

    @Test
    void editorPagesNeedCredentialsAndTheCsrfToken() throws Exception {
        assertThat(get("/editor", null).statusCode()).isEqualTo(401);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("editor:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/editor", wrong).statusCode()).isEqualTo(401);
        assertThat(get("/editor", auth).statusCode()).isEqualTo(200);
        HttpResponse<String> forged = post("/editor", "forged-token", "month", "2026-10");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(app.drafts().all()).isEmpty();
        String csrf = first(get("/editor", auth).body(), "name=\"csrf\" value=\"([^\"]+)\"");
        assertThat(post("/editor", csrf, "month", "2026-10").statusCode()).isEqualTo(303);
        assertThat(app.drafts().all()).hasSize(1);
        assertThat(post("/editor", csrf, "month", "<script>").statusCode()).isEqualTo(200);
    }

    @Test
    void editorsSeeSourceHealthAndPauseASourceWithoutARestart() throws Exception {
        app.producer().requestBody("direct:ingest-poll", (Object) null);

        HttpResponse<String> page = get("/editor/sources", auth);
        assertThat(page.statusCode()).isEqualTo(200);
        String row = first(page.body(), "(?s)(<tr id=\"source-circuit-ledger\">.*?</tr>)");
        assertThat(row).contains("active", "<td>10</td>", "Pause");
        assertThat(get("/editor/sources", null).statusCode()).isEqualTo(401);

        String csrf = first(page.body(), "name=\"csrf\" value=\"([^\"]+)\"");
        assertThat(post("/editor/sources/circuit-ledger/pause", "forged", "reason", "x").statusCode()).isEqualTo(403);
        assertThat(post("/editor/sources/circuit-ledger/pause", csrf, "reason", "<b>rewriting\r\nits feed</b>").statusCode())
                .isEqualTo(303);
        assertThat(post("/editor/sources/no-such-source/pause", csrf).statusCode()).isEqualTo(404);
        row = first(get("/editor/sources", auth).body(), "(?s)(<tr id=\"source-circuit-ledger\">.*?</tr>)");
        assertThat(row).contains("paused (paused by editor: &lt;b&gt;rewriting  its feed&lt;/b&gt;)", "Resume")
                .doesNotContain("<b>");

        // the next poll leaves the paused source alone and polls the others
        Poller.Report report = app.poller().pollAll();
        assertThat(report.sources()).filteredOn(r -> r.sourceId().equals("circuit-ledger"))
                .singleElement().satisfies(r -> assertThat(r.error()).isEqualTo("disabled"));
        assertThat(report.sources()).filteredOn(r -> !r.sourceId().equals("circuit-ledger")).allMatch(Poller.SourceResult::ok);

        assertThat(post("/editor/sources/circuit-ledger/resume", csrf).statusCode()).isEqualTo(303);
        assertThat(first(get("/editor/sources", auth).body(), "(?s)(<tr id=\"source-circuit-ledger\">.*?</tr>)"))
                .contains("active");
    }

    @Test
    void editorsAddALinkByHandThroughTheGuardedFetcher() throws Exception {
        feeds.createContext("/pages/", ex -> {
            byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Site</title>"
                    + "<meta property=\"og:title\" content=\"Kestrel: routing experts by curvature\">"
                    + "<meta name=\"description\" content=\"We propose a router for mixture-of-experts models.\">"
                    + "<meta name=\"citation_arxiv_id\" content=\"2610.09999\">"
                    + "<link rel=\"canonical\" href=\"/pages/kestrel?utm_source=x\"></head><body></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        String page = get("/editor/sources", auth).body();
        String csrf = first(page, "name=\"csrf\" value=\"([^\"]+)\"");
        String pages = "http://127.0.0.1:" + feeds.getAddress().getPort() + "/pages/kestrel";

        HttpResponse<String> added = post("/editor/sources/submit", csrf, "url", pages);
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("Added: \u201cKestrel: routing experts by curvature\u201d as research");
        assertThat(post("/editor/sources/submit", csrf, "url", pages).body()).contains("Already known");
        assertThat(get("/editor/sources", auth).body()).contains("links added by hand");

        HttpResponse<String> metadata = post("/editor/sources/submit", csrf, "url", "http://169.254.169.254/latest/meta-data/");
        assertThat(metadata.statusCode()).isEqualTo(422);
        assertThat(metadata.body()).contains("Could not add that link: refused 169.254.169.254");
        HttpResponse<String> feed = post("/editor/sources/submit", csrf, "url",
                "http://127.0.0.1:" + feeds.getAddress().getPort() + "/feeds/tech-news.xml");
        assertThat(feed.statusCode()).isEqualTo(422);
        assertThat(feed.body()).contains("not a page: add it to config/sources.yaml instead");
        assertThat(post("/editor/sources/submit", csrf, "url", "file:///etc/passwd").body())
                .contains("only http and https links can be submitted");
        assertThat(post("/editor/sources/submit", "forged", "url", pages).statusCode()).isEqualTo(403);

        // the submitted paper is a candidate of the month's draft like any polled one
        Draft draft = app.producer().requestBody("direct:curate-open-draft", java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString(), Draft.class);
        assertThat(app.drafts().candidates(draft.id())).anySatisfy(c -> assertThat(c.title()).isEqualTo("Kestrel: routing experts by curvature"));
    }

    @Test
    void subscribeConfirmUnsubscribeAndNoPathTraversal() throws Exception {
        HttpResponse<String> bad = postPublic("/subscribe", "email", "x@example.org\r\nBcc: victim@example.org");
        assertThat(bad.statusCode()).isEqualTo(422);
        HttpResponse<String> ok = postPublic("/subscribe", "email", "reader@example.org");
        assertThat(ok.statusCode()).isEqualTo(200);
        MimeMessage confirmation = greenMail.getReceivedMessages()[0];
        String link = first((String) confirmation.getContent(), "(http://\\S+/confirm\\?token=\\S+)");
        assertThat(app.subscribers().byEmail("reader@example.org").orElseThrow().state().toString()).isEqualToIgnoringCase("pending");
        assertThat(get(link.substring(base.length()), null).statusCode()).isEqualTo(200);
        Subscriber s = app.subscribers().byEmail("reader@example.org").orElseThrow();
        assertThat(s.state().toString()).isEqualToIgnoringCase("confirmed");
        assertThat(get("/confirm?token=forged.token", null).statusCode()).isEqualTo(400);

        String token = app.subscribers().unsubscribeToken(s);
        assertThat(get("/unsubscribe?token=" + token, null).body()).contains("<button");
        assertThat(app.subscribers().byEmail("reader@example.org").orElseThrow().state().toString()).isEqualToIgnoringCase("confirmed");
        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create(base + "/unsubscribe?token=" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(app.subscribers().byEmail("reader@example.org").orElseThrow().state().toString()).isEqualToIgnoringCase("unsubscribed");

        assertThat(get("/issues/../config/application.properties", null).statusCode()).isIn(400, 404);
        assertThat(get("/issues/%2e%2e/config/application.properties", null).statusCode()).isIn(400, 404);
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> candidateIds(String page, String slot) {
        Matcher m = Pattern.compile("name=\"candidate\" value=\"(\\d+)\">\\s*<button type=\"submit\" name=\"slot\" value=\"" + slot + "\"")
                .matcher(page);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in page", regex).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String csrf, String... kv) throws Exception {
        String[] all = Arrays.copyOf(kv, kv.length + 2);
        all[kv.length] = "csrf";
        all[kv.length + 1] = csrf;
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(all))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postPublic(String path, String... kv) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(kv))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... kv) {
        return org.trendpress.testing.Forms.encode(kv);
    }
}
