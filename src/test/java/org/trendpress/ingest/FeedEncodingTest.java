package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Charsets (BOM, HTTP, XML declaration, legacy and wrong labels) and lenient salvage, on fixtures built here. */
class FeedEncodingTest {

    private static final String TITLE = "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve";
    private final FeedParser parser = new FeedParser();

    private static String rss(String decl, String title) {
        return decl + "<rss version=\"2.0\"><channel><title>" + title + "</title><link>http://enc.example/</link>"
                + "<description>d</description><item><title>" + title + "</title>"
                + "<link>http://enc.example/1</link></item></channel></rss>";
    }

    private static byte[] withBom(byte[] bom, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String title(byte[] body, String contentType) {
        ParsedFeed feed = parser.parse("t", body, contentType);
        assertThat(feed.items()).hasSize(1);
        assertThat(feed.items().get(0).title()).isEqualTo(feed.title());
        return feed.title();
    }

    @Test
    void byteOrderMarksForUtf8Utf16AndUtf32() {
        String doc = rss("<?xml version=\"1.0\"?>", TITLE);
        assertThat(title(withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                doc.getBytes(StandardCharsets.UTF_8)), null)).isEqualTo(TITLE);
        assertThat(title(withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, doc.getBytes(StandardCharsets.UTF_16BE)), null))
                .isEqualTo(TITLE);
        assertThat(title(withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, doc.getBytes(StandardCharsets.UTF_16LE)), null))
                .isEqualTo(TITLE);
        assertThat(title(withBom(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, doc.getBytes(Charset.forName("UTF-32BE"))),
                null)).isEqualTo(TITLE);
        assertThat(title(withBom(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, doc.getBytes(Charset.forName("UTF-32LE"))),
                null)).isEqualTo(TITLE);
        // the mark wins over an HTTP charset that names something else
        assertThat(title(withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, doc.getBytes(StandardCharsets.UTF_16LE)),
                "application/rss+xml; charset=iso-8859-1")).isEqualTo(TITLE);
    }

    @Test
    void utf16WithoutAMarkIsRecognisedFromTheDeclaration() {
        String doc = rss("<?xml version=\"1.0\" encoding=\"utf-16\"?>", TITLE);
        assertThat(title(doc.getBytes(StandardCharsets.UTF_16BE), null)).isEqualTo(TITLE);
        assertThat(title(doc.getBytes(StandardCharsets.UTF_16LE), null)).isEqualTo(TITLE);
    }

    @Test
    void httpCharsetWinsOverTheDeclarationWhenTheBytesAgree() {
        byte[] latin = rss("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        ParsedFeed feed = parser.parse("t", latin, "application/rss+xml; charset=ISO-8859-1");
        assertThat(feed.title()).isEqualTo("Caf\u00e9");
        assertThat(feed.warnings()).isEmpty();
        byte[] utf8 = rss("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", TITLE).getBytes(StandardCharsets.UTF_8);
        assertThat(title(utf8, "text/xml; charset=\"utf-8\"")).isEqualTo(TITLE);
    }

    @Test
    void legacyDeclarationsAreHonoured() {
        String text = "Gr\u00fc\u00dfe aus K\u00f6ln";
        byte[] body = rss("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", text).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(title(body, null)).isEqualTo(text);
        String cyr = "\u041f\u0440\u0438\u0432\u0435\u0442";
        byte[] koi = rss("<?xml version=\"1.0\" encoding=\"KOI8-R\"?>", cyr).getBytes(Charset.forName("KOI8-R"));
        assertThat(title(koi, null)).isEqualTo(cyr);
    }

    @Test
    void cp1252SmartQuotesInAFeedDeclaredIso88591() {
        byte[] body = rss("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", TITLE).getBytes(Charset.forName("windows-1252"));
        ParsedFeed feed = parser.parse("t", body, null);
        assertThat(feed.title()).isEqualTo(TITLE);
        // and numeric references to the cp1252 range are read the way the publisher meant them
        String refs = rss("<?xml version=\"1.0\"?>", "&#147;quoted&#148; &#151; ok");
        ParsedFeed salvaged = parser.parse("t", refs.getBytes(StandardCharsets.UTF_8), null);
        assertThat(salvaged.title()).isEqualTo("\u201cquoted\u201d \u2014 ok");
    }

    @Test
    void wrongDeclaredEncodingFallsBackWithAWarning() {
        byte[] body = rss("<?xml version=\"1.0\" encoding=\"utf-8\"?>", TITLE).getBytes(Charset.forName("windows-1252"));
        ParsedFeed feed = parser.parse("t", body, null);
        assertThat(feed.title()).isEqualTo(TITLE);
        assertThat(feed.warnings()).anySatisfy(w -> assertThat(w).contains("not valid UTF-8"));

        byte[] bogus = rss("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>", TITLE).getBytes(StandardCharsets.UTF_8);
        ParsedFeed read = parser.parse("t", bogus, null);
        assertThat(read.title()).isEqualTo(TITLE);
        assertThat(read.warnings()).anySatisfy(w -> assertThat(w).contains("not a known charset"));
    }

    @Test
    void unescapedAmpersandsAndHtmlEntitiesAreSalvagedAndRecorded() {
        String doc = rss("<?xml version=\"1.0\"?>", "R&D at Lab&nbsp;One &mdash; news &bogus; &#169;");
        ParsedFeed feed = parser.parse("t", doc.getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.title().replace('\u00a0', ' ')).isEqualTo("R&D at Lab One \u2014 news &bogus; \u00a9");
        assertThat(feed.warnings()).contains("unescaped '&' repaired",
                "HTML entities undefined in XML replaced by characters", "unknown entities kept as text");
    }

    @Test
    void ampersandsInsideCdataAreLeftAlone() {
        String doc = "<rss version=\"2.0\"><channel><title>A &amp; B</title><link>http://x.example/</link>"
                + "<description>d</description><item><title><![CDATA[Q&A &amp; more]]></title><link>http://x.example/1"
                + "</link><description>Tom & Jerry</description></item></channel></rss>";
        ParsedFeed feed = parser.parse("t", doc.getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.items().get(0).title()).isEqualTo("Q&A & more");
        assertThat(feed.items().get(0).summaryText()).isEqualTo("Tom & Jerry");
        assertThat(feed.warnings()).containsExactly("unescaped '&' repaired");
    }

    @Test
    void junkBeforeTheRootControlCharactersAndUndeclaredPrefixesAreSalvaged() {
        String doc = "\n\n  Warning: PHP notice in feed.php\n<?xml version=\"1.0\"?>"
                + "<rss version=\"2.0\"><channel><title>Bad\u0001 feed</title><link>http://x.example/</link>"
                + "<description>d</description><item><title>one</title><link>http://x.example/1</link>"
                + "<dc:creator>Ana Ortiz</dc:creator></item></channel></rss>";
        ParsedFeed feed = parser.parse("t", doc.getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.title()).isEqualTo("Bad feed");
        assertThat(feed.items()).hasSize(1);
        assertThat(feed.warnings()).contains("junk before the XML declaration removed",
                "characters not allowed in XML removed");
        assertThat(feed.warnings()).anySatisfy(w -> assertThat(w).contains("undeclared namespace prefixes [dc]"));
    }

    @Test
    void truncatedFeedIsRebuiltByTheLenientParser() {
        String doc = "<rss version=\"2.0\"><channel><title>Cut</title><link>http://x.example/</link>"
                + "<description>d</description><item><title>first</title><link>http://x.example/1</link></item>"
                + "<item><title>second</title><link>http://x.example/2</link>";
        ParsedFeed feed = parser.parse("t", doc.getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.items()).extracting(Item::title).containsExactly("first", "second");
        assertThat(feed.warnings()).anySatisfy(w -> assertThat(w).contains("rebuilt by a lenient parser"));
    }

    @Test
    void whatCannotBeParsedIsOneClearLine() {
        assertThatThrownBy(() -> parser.parse("t", new byte[0], null))
                .isInstanceOf(IngestException.class).hasMessage("cannot parse feed: empty body");
        assertThatThrownBy(() -> parser.parse("t", "just some words".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(IngestException.class).hasMessageStartingWith("cannot parse feed: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parser.parse("t", "<opml version=\"2.0\"><body/></opml>".getBytes(StandardCharsets.UTF_8),
                null)).isInstanceOf(IngestException.class)
                .hasMessage("cannot parse feed: not an RSS or Atom document (root element <opml>)");
    }

    @Test
    void datesRomeMissesAreReadByTheFallbacks() {
        String[][] cases = {
                {"2026-03-04T05:06:07.123456+00:00", "2026-03-04T05:06:07.123456Z"},
                {"2026-03-04 05:06:07", "2026-03-04T05:06:07Z"},
                {"4 Mar 2026 05:06 EST", "2026-03-04T10:06:00Z"},
                {"Wednesday, 04-Mar-26 05:06:07 GMT", "2026-03-04T05:06:07Z"},
                {"2026-03-04", "2026-03-04T00:00:00Z"},
        };
        for (String[] c : cases) {
            assertThat(FeedDates.parse(c[0])).as(c[0]).isEqualTo(Instant.parse(c[1]));
        }
        assertThat(FeedDates.parse("sometime soon")).isNull();
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><title>e</title>"
                + "<link href=\"http://x.example/e\"/><updated>Tue, 18 Aug 2026 10:00:00 +0000</updated></entry>"
                + "<entry><title>f</title><link href=\"http://x.example/f\"/></entry></feed>";
        ParsedFeed feed = parser.parse("t", atom.getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.items().get(0).publishedAt()).isEqualTo(Instant.parse("2026-08-18T10:00:00Z"));
        assertThat(feed.items().get(1).publishedAt()).isNull();
    }

    @Test
    void mediaContentThumbnailsAndEnclosuresBecomeLinks() {
        String doc = "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>m</title>"
                + "<link>http://m.example/</link><description>d</description><item><title>pic</title>"
                + "<link>http://m.example/1</link><enclosure url=\"http://m.example/a.mp3\" length=\"1\" type=\"audio/mpeg\"/>"
                + "<media:content url=\"http://m.example/big.jpg\" medium=\"image\"/>"
                + "<media:group><media:thumbnail url=\"http://m.example/small.jpg\"/></media:group>"
                + "<description>short</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded>"
                + "</item></channel></rss>";
        Item item = parser.parse("t", doc.getBytes(StandardCharsets.UTF_8), null).items().get(0);
        assertThat(item.links()).contains("http://m.example/a.mp3", "http://m.example/big.jpg",
                "http://m.example/small.jpg");
        assertThat(item.summaryText()).isEqualTo("Full text");
    }

    @Test
    void oldArxivRdfTitlesAreStrippedKeepingIdVersionAndCategory() {
        String rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"http://arxiv.org/\"><title>cs.LG updates"
                + "</title><link>http://arxiv.org/</link><description>d</description></channel>"
                + "<item rdf:about=\"http://arxiv.org/abs/2401.01234\"><title>Sparse Mixtures Revisited. (arXiv:2401.01234v2 "
                + "[cs.LG] UPDATED)</title><link>http://arxiv.org/abs/2401.01234</link><description>&lt;p&gt;We revisit."
                + "&lt;/p&gt;</description><dc:creator>&lt;a href=\"http://arxiv.org/a/one_a\"&gt;Ann One&lt;/a&gt;, "
                + "&lt;a href=\"http://arxiv.org/a/two_b\"&gt;Bo Two&lt;/a&gt;</dc:creator></item></rdf:RDF>";
        Item item = parser.parse("t", rdf.getBytes(StandardCharsets.UTF_8), null).items().get(0);
        assertThat(item.title()).isEqualTo("Sparse Mixtures Revisited");
        assertThat(item.arxivId()).isEqualTo("2401.01234");
        assertThat(item.details().arxivVersion()).isEqualTo(2);
        assertThat(item.details().primaryCategory()).isEqualTo("cs.LG");
        assertThat(item.details().announceType()).isEqualTo("replace");
        assertThat(item.authors()).containsExactly("Ann One", "Bo Two");
    }
}
