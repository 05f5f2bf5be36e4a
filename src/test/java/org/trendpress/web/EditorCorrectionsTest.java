package org.trendpress.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trendpress.web.WebTestApp.all;
import static org.trendpress.web.WebTestApp.first;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.render.IssueModel;

/**
 * Correcting a published issue in the editor's workspace, over HTTP: the list and the form need
 * the editor's sign-in; saving needs the CSRF token and a same-origin Origin; the correction
 * reaches the web page and the archive feeds with an updated time and mails nobody; hostile text
 * is escaped and cannot break a header line; too long a text comes back with a clear message and
 * everything the editor wrote; a form opened on an older version does not overwrite a newer one.
 */
class EditorCorrectionsTest {

    @TempDir
    Path tmp;

    private WebTestApp web;
    private Path archive;

    @BeforeEach
    void start() throws Exception {
        web = new WebTestApp(tmp).publishOctober();
        archive = web.app.publisher().settings().archiveDir();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void theListAndTheFormNeedTheEditorsSignIn() throws Exception {
        assertThat(web.get("/editor/issues", null).statusCode()).isEqualTo(401);
        assertThat(web.get("/editor/issues/2026-10", null).statusCode()).isEqualTo(401);

        HttpResponse<String> list = web.get("/editor/issues", web.auth);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(first(list.body(), "(?s)(<tr id=\"issue-2026-10\">.*?</tr>)"))
                .contains("Trends in AI — October 2026", "href=\"/editor/issues/2026-10\"", "2026-11-02 08:00 UTC");
        // the drafts list links a published draft to its corrections
        assertThat(web.get("/editor", web.auth).body()).contains("href=\"/editor/issues/2026-10\"");

        HttpResponse<String> form = web.get("/editor/issues/2026-10", web.auth);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"title\"", "value=\"Trends in AI — October 2026\"",
                "name=\"research-1-why\"", "name=\"research-1-insights\"", "name=\"news-1-headline\"", "name=\"news-1-text\"",
                "name=\"intro\"", "name=\"csrf\"", "name=\"base\"");
        assertThat(web.get("/editor/issues/1999-01", web.auth).statusCode()).isEqualTo(404);
        assertThat(web.get("/editor/issues/../drafts", web.auth).statusCode()).isEqualTo(404);
    }

    @Test
    void savingRerendersThePageAndFeedsWithAnUpdatedTimeAndMailsNobody() throws Exception {
        int mails = web.mails().size();
        assertThat(mails).isEqualTo(1);
        Instant correctedAt = WebTestApp.PUBLISHED.plus(Duration.ofDays(2));
        web.clock.advance(Duration.ofDays(2));
        String form = web.get("/editor/issues/2026-10", web.auth).body();

        HttpResponse<String> saved = web.post("/editor/issues/2026-10", web.base, fields(form,
                "title", "Trends in AI — October 2026 (corrected)\r\nBcc: victim@example.org",
                "summary", "A corrected <b>summary</b>.",
                "intro", "First paragraph <script>alert(1)</script>.\r\n\r\nSecond paragraph.",
                "research-1-why", "A corrected why.",
                "research-1-insights", "One insight.\n\nAnother insight.",
                "news-1-headline", "A corrected headline",
                "news-1-text", "A corrected news text."));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/editor/issues/2026-10?saved=1");
        assertThat(web.get("/editor/issues/2026-10?saved=1", web.auth).body())
                .contains("Saved.", "updated 2026-11-04 08:00 UTC", "No mail was sent.");

        // stored: one line for the title (no header line can ride in), paragraphs as typed
        IssueModel issue = web.app.publisher().issue("2026-10").orElseThrow().issue();
        assertThat(issue.title()).isEqualTo("Trends in AI — October 2026 (corrected) Bcc: victim@example.org")
                .doesNotContain("\r", "\n");
        assertThat(issue.intro()).containsExactly("First paragraph <script>alert(1)</script>.", "Second paragraph.");
        assertThat(issue.research().get(0).why()).containsExactly("A corrected why.");
        assertThat(issue.research().get(0).keyInsights()).containsExactly("One insight.", "Another insight.");
        assertThat(issue.news().get(0).headline()).isEqualTo("A corrected headline");
        assertThat(issue.publishedAt()).isEqualTo(WebTestApp.PUBLISHED);

        // the public page shows it, escaped
        String page = web.get("/issues/2026-10/", null).body();
        assertThat(page).contains("A corrected why.", "Another insight.", "A corrected headline",
                "First paragraph &lt;script&gt;alert(1)&lt;/script&gt;.", "A corrected &lt;b&gt;summary&lt;/b&gt;.")
                .doesNotContain("<script>alert(1)", "<b>summary</b>");
        // the feeds: same id, published kept, updated at the correction
        SyndEntry atom = new SyndFeedInput().build(new XmlReader(archive.resolve("atom.xml").toFile())).getEntries().get(0);
        assertThat(atom.getUri()).isEqualTo(web.base + "/issues/2026-10/");
        assertThat(atom.getTitle()).isEqualTo("Trends in AI — October 2026 (corrected) Bcc: victim@example.org");
        assertThat(atom.getPublishedDate()).isEqualTo(Date.from(WebTestApp.PUBLISHED));
        assertThat(atom.getUpdatedDate()).isEqualTo(Date.from(correctedAt));
        assertThat(Files.readString(archive.resolve("feed.json"))).contains("\"date_modified\" : \"2026-11-04T08:00:00Z\"",
                "A corrected why.");
        assertThat(Files.readString(archive.resolve("feed.xml"))).contains("A corrected why.");
        assertThat(Files.readString(archive.resolve("index.html"))).contains("A corrected &lt;b&gt;summary&lt;/b&gt;.");

        // never mailed again: no new message, no new delivery, nothing due
        assertThat(web.mails()).hasSize(mails);
        int deliveries = web.app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deliveries")
                .mapTo(Integer.class).one());
        assertThat(deliveries).isEqualTo(1);
        assertThat(web.app.producer().requestBody("direct:publish-issue", (Object) null, List.class)).isEmpty();
        assertThat(web.mails()).hasSize(mails);
    }

    @Test
    void savingNeedsTheCsrfTokenAndTheSameOrigin() throws Exception {
        Map<String, String> before = archiveFiles();
        String form = web.get("/editor/issues/2026-10", web.auth).body();
        String[] change = fields(form, "summary", "Changed by a forged form.");

        String[] forged = change.clone();
        for (int i = 0; i < forged.length; i += 2) {
            if (forged[i].equals("csrf")) {
                forged[i + 1] = "forged";
            }
        }
        assertThat(web.post("/editor/issues/2026-10", web.base, forged).statusCode()).isEqualTo(403);
        assertThat(web.post("/editor/issues/2026-10", "https://evil.example", change).statusCode()).isEqualTo(403);
        assertThat(web.post("/editor/issues/2026-10", "null", change).statusCode()).isEqualTo(403);
        assertThat(archiveFiles()).isEqualTo(before);
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().issue().summary()).isNotEqualTo("Changed by a forged form.");

        // the same form from this site goes through
        assertThat(web.post("/editor/issues/2026-10", web.base, change).statusCode()).isEqualTo(303);
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().issue().summary()).isEqualTo("Changed by a forged form.");
    }

    @Test
    void tooLongATextComesBackWithAClearMessageAndEverythingTheEditorWrote() throws Exception {
        Map<String, String> before = archiveFiles();
        String form = web.get("/editor/issues/2026-10", web.auth).body();
        String longWhy = "Why it matters. ".repeat(1600); // 25,600 characters
        String longTitle = "T".repeat(250);
        HttpResponse<String> refused = web.post("/editor/issues/2026-10", web.base, fields(form,
                "title", longTitle,
                "intro", "An intro I do not want to type twice <i>please</i>.",
                "research-1-why", longWhy,
                "news-1-headline", "   "));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Nothing was saved.",
                "Title: 250 characters, more than the 200 allowed.",
                "Research 1 · ❓ Why: 25,599 characters, more than the 20,000 allowed.",
                "News 1 · Headline: write a headline.");
        // what the editor wrote is all still there, escaped
        assertThat(refused.body()).contains("value=\"" + longTitle + "\"",
                "An intro I do not want to type twice &lt;i&gt;please&lt;/i&gt;.", longWhy.strip())
                .doesNotContain("<i>please</i>");
        assertThat(refused.body()).containsPattern("name=\"research-1-why\"[^>]*aria-invalid=\"true\"");
        // and nothing changed
        assertThat(archiveFiles()).isEqualTo(before);
    }

    @Test
    void aFormOpenedBeforeSomeoneElsesCorrectionDoesNotOverwriteIt() throws Exception {
        String stale = web.get("/editor/issues/2026-10", web.auth).body();
        web.clock.advance(Duration.ofHours(1));
        web.app.publisher().correct("2026-10", i -> new IssueModel(i.newsletterName(), i.month(), i.monthLabel(),
                i.title(), "Someone else's summary.", i.intro(), i.news(), i.research(), i.datasets(), i.references(),
                i.links(), i.publishedAt()));

        HttpResponse<String> conflict = web.post("/editor/issues/2026-10", web.base, fields(stale,
                "intro", "My intro, written meanwhile."));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("corrected by someone else", "My intro, written meanwhile.");
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().issue().summary()).isEqualTo("Someone else's summary.");
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().issue().intro()).doesNotContain("My intro, written meanwhile.");

        // saving the form that came back replaces it knowingly
        assertThat(web.post("/editor/issues/2026-10", web.base, fields(conflict.body())).statusCode()).isEqualTo(303);
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().issue().intro()).containsExactly("My intro, written meanwhile.");
    }

    @Test
    void savingAnUnchangedFormChangesNothing() throws Exception {
        Map<String, String> before = archiveFiles();
        Instant updated = web.app.publisher().issue("2026-10").orElseThrow().updatedAt();
        web.clock.advance(Duration.ofDays(1));
        HttpResponse<String> same = web.post("/editor/issues/2026-10", web.base,
                fields(web.get("/editor/issues/2026-10", web.auth).body()));
        assertThat(same.statusCode()).isEqualTo(303);
        assertThat(same.headers().firstValue("Location")).hasValue("/editor/issues/2026-10?unchanged=1");
        assertThat(archiveFiles()).isEqualTo(before);
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().updatedAt()).isEqualTo(updated);
    }

    @Test
    void anOversizedRequestIsRefusedAndTheServerCarriesOn() throws Exception {
        String form = web.get("/editor/issues/2026-10", web.auth).body();
        HttpResponse<String> huge = web.post("/editor/issues/2026-10", web.base, fields(form,
                "intro", "x".repeat(3 * 1024 * 1024)));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("Form too large", "Nothing was saved");
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().issue().intro()).noneMatch(p -> p.startsWith("xxxx"));
        assertThat(web.get("/editor/issues/2026-10", web.auth).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedPostLeavesItsConnectionUsable() throws Exception {
        String body = "intro=" + "y".repeat(5000);
        // signed in, a body of a type the editor does not read, then a page: one connection
        String requests = "POST /editor/issues/2026-10 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + web.auth + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                + "GET /issues/2026-10/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        String wire = exchange(requests);
        assertThat(all(wire, "(HTTP/1\\.1 \\d{3})")).containsExactly("HTTP/1.1 403", "HTTP/1.1 200");
        assertThat(web.app.publisher().issue("2026-10").orElseThrow().issue().intro()).noneMatch(p -> p.startsWith("yyyy"));
    }

    @Test
    void anUnsignedPostIsAnsweredWithoutWaitingForItsBodyAndItsConnectionClosed() throws Exception {
        // announces 100,000 bytes and sends 20: a server that waited for the body would answer
        // 408 after its body timeout instead of 401, and would keep the connection open
        String requests = "POST /editor/issues/2026-10 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
                + "intro=" + "z".repeat(14);
        String wire = exchange(requests);
        assertThat(all(wire, "(HTTP/1\\.1 \\d{3})")).containsExactly("HTTP/1.1 401");
        // exchange() reads to the end of the stream: reaching it proves the server closed the
        // connection (an open one would end in a SocketTimeoutException)
        assertThat(web.get("/editor/issues/2026-10", web.auth).statusCode()).as("the server carries on").isEqualTo(200);
    }

    /** Writes raw HTTP/1.1 on one connection and reads until the server closes it. */
    private String exchange(String requests) throws Exception {
        int port = Integer.parseInt(web.base.substring(web.base.lastIndexOf(':') + 1));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(requests.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * The form's fields as a browser would send them (hidden fields, inputs and textareas, HTML
     * entities decoded), with {@code overrides} replacing values by name.
     */
    static String[] fields(String page, String... overrides) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        String form = first(page, "(?s)(<form method=\"post\" action=\"/editor/issues/[^\"]+\" id=\"correction\">.*?</form>)");
        java.util.regex.Matcher inputs = java.util.regex.Pattern.compile("<input [^>]*>").matcher(form);
        while (inputs.find()) {
            String tag = inputs.group();
            String name = attr(tag, "name");
            if (name != null) {
                values.put(name, unescape(attr(tag, "value") == null ? "" : attr(tag, "value")));
            }
        }
        java.util.regex.Matcher areas = java.util.regex.Pattern.compile("(?s)<textarea ([^>]*)>(.*?)</textarea>").matcher(form);
        while (areas.find()) {
            values.put(attr(areas.group(1), "name"), unescape(areas.group(2)));
        }
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            assertThat(values).as("form field %s", overrides[i]).containsKey(overrides[i]);
            values.put(overrides[i], overrides[i + 1]);
        }
        List<String> kv = new ArrayList<>();
        values.forEach((k, v) -> {
            kv.add(k);
            kv.add(v);
        });
        return kv.toArray(String[]::new);
    }

    private static String attr(String tag, String name) {
        List<String> v = all(" " + tag, "\\s" + name + "=\"([^\"]*)\"");
        return v.isEmpty() ? null : v.get(0);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private Map<String, String> archiveFiles() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                // the chart PNG is not text
                String content = f.toString().endsWith(".png")
                        ? java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)) : Files.readString(f);
                out.put(archive.relativize(f).toString(), content + "@" + Files.getLastModifiedTime(f));
            }
        }
        return out;
    }
}
