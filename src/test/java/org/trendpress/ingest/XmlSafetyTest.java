package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdom2.Document;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XXE, external DTDs and entity bombs against every XML entry point: {@link FeedParser},
 * {@link ArxivApiParser} and the {@link SafeXml} parser beneath them. A loopback server stands in
 * for a remote DTD and records every request it gets.
 */
class XmlSafetyTest {

    private static final String SECRET = "s3cr3t-do-not-leak";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String base;
    private Path secretFile;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] dtd = "<!ENTITY leak \"FETCHED\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        secretFile = tmp.resolve("secret.txt");
        Files.writeString(secretFile, SECRET);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String rssWithTitle(String doctype, String title) {
        return "<?xml version=\"1.0\"?>" + doctype + "<rss version=\"2.0\"><channel><title>" + title
                + "</title><link>http://a.example/</link><description>d</description>"
                + "<item><title>one</title><link>http://a.example/1</link></item></channel></rss>";
    }

    private String atomWithTitle(String doctype, String title) {
        return "<?xml version=\"1.0\"?>" + doctype + "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                + "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\"><title>" + title + "</title>"
                + "<opensearch:totalResults>1</opensearch:totalResults>"
                + "<entry><id>http://arxiv.org/abs/2601.00001v1</id><title>x</title><summary>s</summary>"
                + "<author><name>A</name></author><published>2026-01-01T00:00:00Z</published></entry></feed>";
    }

    private List<Connector> entryPoints() {
        return List.of(new FeedParser(), new ArxivApiParser());
    }

    private String doc(Connector c, String doctype, String title) {
        return c instanceof FeedParser ? rssWithTitle(doctype, title) : atomWithTitle(doctype, title);
    }

    @Test
    void externalFileEntityIsRefusedByEveryEntryPoint() {
        String doctype = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>";
        for (Connector c : entryPoints()) {
            byte[] body = doc(c, doctype, "&xxe;").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> c.parse("t", body, null))
                    .isInstanceOf(IngestException.class)
                    .hasMessageContaining("external entity")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void externalEntityOverHttpAndParameterEntitiesAreRefusedAndNeverFetched() {
        List<String> doctypes = List.of(
                "<!DOCTYPE x [<!ENTITY xxe PUBLIC \"-//X//Y\" \"" + base + "/public.ent\">]>",
                "<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + base + "/param.dtd\"> %p;]>",
                "<!DOCTYPE x [\n<!ENTITY\n  xxe\n  SYSTEM\n  \"" + base + "/spaced.ent\">]>");
        for (Connector c : entryPoints()) {
            for (String doctype : doctypes) {
                byte[] body = doc(c, doctype, "&xxe;").getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> c.parse("t", body, null)).isInstanceOf(IngestException.class);
            }
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void theHardenedParserItselfNeitherReadsFilesNorFetchesEvenWithoutThePreCheck() throws Exception {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">"
                + "<!ENTITY web SYSTEM \"" + base + "/entity\">]><r>[&xxe;][&web;]</r>";
        String out;
        try {
            Document d = SafeXml.parse(xml);
            out = new XMLOutputter().outputString(d);
        } catch (SafeXml.XmlFailure e) {
            out = e.getMessage();
        }
        assertThat(out).doesNotContain(SECRET).doesNotContain("FETCHED");
        assertThat(requests).isEmpty();
    }

    @Test
    void externalDtdIsNeverFetchedAndLegacyRss091DoctypeStillParses() {
        String rss091 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                + "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"" + base + "/rss-0.91.dtd\">"
                + "<rss version=\"0.91\"><channel><title>Old feed</title><link>http://old.example/</link>"
                + "<description>d</description><language>en</language>"
                + "<item><title>Old item</title><link>http://old.example/1</link></item></channel></rss>";
        ParsedFeed feed = new FeedParser().parse("t", rss091.getBytes(StandardCharsets.ISO_8859_1), null);
        assertThat(feed.title()).isEqualTo("Old feed");
        assertThat(feed.items()).extracting(Item::title).containsExactly("Old item");

        String atom = atomWithTitle("<!DOCTYPE feed SYSTEM \"" + base + "/atom.dtd\">", "Query");
        assertThat(new ArxivApiParser().parse("t", atom.getBytes(StandardCharsets.UTF_8), null).items()).hasSize(1);

        String usesDtdEntity = rssWithTitle("<!DOCTYPE rss SYSTEM \"" + base + "/defs.dtd\">", "a &leak; b");
        ParsedFeed salvaged = new FeedParser().parse("t", usesDtdEntity.getBytes(StandardCharsets.UTF_8), null);
        assertThat(salvaged.title()).doesNotContain("FETCHED");
        assertThat(requests).isEmpty();
    }

    @Test
    void billionLaughsFailsFastWithAnIngestException() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        for (Connector c : entryPoints()) {
            byte[] body = doc(c, dtd.toString(), "&lol9;").getBytes(StandardCharsets.UTF_8);
            // generous deadline: a bomb that expanded would take minutes and gigabytes
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> c.parse("t", body, null))
                            .isInstanceOf(IngestException.class)
                            .hasMessageContaining("refused"));
        }
    }

    @Test
    void quadraticBlowupIsRefusedToo() {
        String big = "x".repeat(50_000);
        String doctype = "<!DOCTYPE r [<!ENTITY big \"" + big + "\">]>";
        String title = "&big;".repeat(5_000);
        for (Connector c : entryPoints()) {
            byte[] body = doc(c, doctype, title).getBytes(StandardCharsets.UTF_8);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> c.parse("t", body, null)).isInstanceOf(IngestException.class));
        }
    }

    /**
     * A thread keeps its parser between documents (SafeXml): the entity limits count per document,
     * not across them, and a refused document leaves the next one on that thread parsed, and a
     * bomb after it still refused, and a file entity still unread.
     */
    @Test
    void oneThreadsParserCountsTheEntityLimitsPerDocumentAndStaysHardened() throws Exception {
        // 8,000 expansions of 100 characters: under both the 10,000 expansions and the 1,000,000 characters
        String doctype = "<!DOCTYPE rss [<!ENTITY hundred \"" + "y".repeat(100) + "\">]>";
        byte[] near = rssWithTitle(doctype, "&hundred;".repeat(8_000)).getBytes(StandardCharsets.UTF_8);
        byte[] bomb = rssWithTitle("<!DOCTYPE r [<!ENTITY big \"" + "x".repeat(50_000) + "\">]>", "&big;".repeat(50))
                .getBytes(StandardCharsets.UTF_8);
        String fileEntity = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>"
                + "<r>[&xxe;]</r>";
        FeedParser parser = new FeedParser();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3; i++) {
                assertThat(parser.parse("t", near, null).title()).hasSize(800_000);
            }
            assertThatThrownBy(() -> parser.parse("t", bomb, null)).isInstanceOf(IngestException.class)
                    .hasMessageContaining("refused");
            String out;
            try {
                out = new XMLOutputter().outputString(SafeXml.parse(fileEntity));
            } catch (SafeXml.XmlFailure e) {
                out = e.getMessage();
            }
            assertThat(out).doesNotContain(SECRET);
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void smallInternalEntitiesStillWork() {
        String doctype = "<!DOCTYPE rss [<!ENTITY lab \"Test Lab\">]>";
        ParsedFeed feed = new FeedParser().parse("t", rssWithTitle(doctype, "&lab; news")
                .getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.title()).isEqualTo("Test Lab news");
    }

    /** The library fact DESIGN.md records, checked here: ROME's own allowDoctypes(true) path. */
    @Test
    void romeWithDoctypesAllowedNeitherLeaksTheFileNorFetchesTheDtd() throws Exception {
        String xml = rssWithTitle("<!DOCTYPE rss SYSTEM \"" + base + "/rome.dtd\" [<!ENTITY xxe SYSTEM \""
                + secretFile.toUri() + "\">]>", "t &xxe;");
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(true);
        String title;
        try {
            SyndFeed feed = input.build(new StringReader(xml));
            title = String.valueOf(feed.getTitle());
        } catch (Exception e) {
            title = String.valueOf(e.getMessage());
        }
        assertThat(title).doesNotContain(SECRET);
        assertThat(requests).isEmpty();
        // and by default ROME refuses every DOCTYPE, the harmless RSS 0.91 one included
        SyndFeedInput strict = new SyndFeedInput();
        assertThatThrownBy(() -> strict.build(new StringReader(rssWithTitle(
                "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"" + base + "/x.dtd\">",
                "t")))).hasMessageContaining("DOCTYPE");
    }
}
