package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageMetaParserTest {

    private final PageMetaParser parser = new PageMetaParser();

    private static byte[] page(String file) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/pages", file));
    }

    private ParsedFeed parseString(String html) {
        return parser.parse("manual", html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    @Test
    void anArxivAbstractPageGivesThePaperWithItsCitationMetadata() throws Exception {
        ParsedFeed feed = parser.parse("https://arxiv.org/abs/2610.04101", page("arxiv-abs.html"), "text/html");
        assertThat(feed.items()).hasSize(1);
        assertThat(feed.title()).isEqualTo("arXiv.org");
        Item item = feed.items().get(0);
        assertThat(item.title()).isEqualTo("Sparse Routers for Vision Transformers");
        assertThat(item.url()).isEqualTo("https://arxiv.org/abs/2610.04101v2");
        assertThat(item.guid()).isEqualTo(item.url());
        assertThat(item.canonicalUrl()).isEqualTo("https://arxiv.org/abs/2610.04101v2");
        assertThat(item.arxivId()).isEqualTo("2610.04101");
        assertThat(item.authors()).containsExactly("Ana Ortiz", "Jörg Müller", "Bo Chen");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-10-06T00:00:00Z"));
        assertThat(item.summaryText()).isEqualTo(
                "We route image tokens to a handful of experts and keep accuracy while halving compute.");
        assertThat(item.details().pdfUrl()).isEqualTo("https://arxiv.org/pdf/2610.04101v2");
        assertThat(item.details().arxivVersion()).isEqualTo(2);
        assertThat(item.details().organisation()).isEqualTo("arXiv.org");
        assertThat(item.links()).containsExactly("https://arxiv.org/pdf/2610.04101v2", "https://arxiv.org/abs/2610.04101",
                "https://github.com/testlab/sparse-routers", "https://arxiv.org/abs/2610.04101v1");
        assertThat(item.doi()).isNull();
    }

    @Test
    void aBlogPostGivesOpenGraphAndJsonLdMetadata() throws Exception {
        ParsedFeed feed = parser.parse("https://lab.example/blog/sparse-routers/?utm_source=mail",
                page("blog-post.html"), "text/html");
        assertThat(feed.title()).isEqualTo("Test Lab Blog");
        assertThat(feed.link()).isEqualTo("https://lab.example/blog/sparse-routers/");
        assertThat(feed.warnings()).singleElement().asString().startsWith("JSON-LD block ignored:");
        Item item = feed.items().get(0);
        assertThat(item.title()).isEqualTo("Sparse routers, explained");
        assertThat(item.url()).isEqualTo("https://lab.example/blog/sparse-routers/"); // relative canonical resolved
        assertThat(item.summaryText()).isEqualTo("How we halved the compute of a vision transformer & what it cost.");
        assertThat(item.summaryHtml()).isEqualTo("<p>How we halved the compute of a vision transformer &amp; what it cost.</p>");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-10-13T07:30:00Z")); // the BlogPosting, not the WebPage
        assertThat(item.authors()).containsExactly("Ana Ortiz", "Bo Chen"); // JSON-LD before meta author
        assertThat(item.arxivId()).isEqualTo("2610.04101"); // the one paper the article links, not the menu's
        assertThat(item.links()).containsExactly("https://arxiv.org/abs/2610.04101", "https://arxiv.org/pdf/2610.04101v2",
                "https://github.com/testlab/sparse-routers");
        assertThat(item.details().keywords()).containsExactly("mixture of experts", "vision", "routing", "efficiency",
                "sparsity");
        assertThat(item.details().organisation()).isEqualTo("Test Lab Blog");
    }

    @Test
    void aPageWithOnlyATitle() throws Exception {
        ParsedFeed feed = parser.parse("manual", page("title-only.html"), null);
        Item item = feed.items().get(0);
        assertThat(item.title()).isEqualTo("Notes on routing & sparsity");
        assertThat(feed.title()).isEqualTo("Notes on routing & sparsity");
        assertThat(item.url()).isNull();
        assertThat(item.guid()).isEqualTo("page:Notes on routing & sparsity");
        assertThat(item.publishedAt()).isNull();
        assertThat(item.authors()).isEmpty();
        assertThat(item.summaryHtml()).isEmpty();
        assertThat(item.details()).isEqualTo(ItemDetails.NONE);

        Item submitted = parser.parse("https://notes.example/routing?utm_campaign=x", page("title-only.html"), null)
                .items().get(0);
        assertThat(submitted.url()).isEqualTo("https://notes.example/routing?utm_campaign=x");
        assertThat(submitted.canonicalUrl()).isEqualTo("https://notes.example/routing");
    }

    @Test
    void theMetaCharsetIsRespectedAndNamesAreFlipped() throws Exception {
        Item item = parser.parse("manual", page("latin1.html"), null).items().get(0);
        assertThat(item.title()).isEqualTo("Café Müller: naïve routing");
        assertThat(item.authors()).containsExactly("Renée Schön");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(item.doi()).isEqualTo("10.1000/café.1");
    }

    @Test
    void theContentTypeCharsetWinsAndUndeclaredLegacyBytesAreReadAsWindows1252() throws Exception {
        byte[] bytes = page("cp1252-no-meta.html");
        String expected = "\u201cQuoted\u201d \u2013 smart punctuation";
        assertThat(parser.parse("m", bytes, "text/html; charset=windows-1252").items().get(0).title()).isEqualTo(expected);
        assertThat(parser.parse("m", bytes, "text/html").items().get(0).title()).isEqualTo(expected);
        assertThat(parser.parse("m", bytes, null).items().get(0).publishedAt()).isEqualTo(Instant.parse("2026-02-03T00:00:00Z"));

        byte[] utf16 = ("\uFEFF<html><head><title>UTF-16 \u00e9t\u00e9</title></head></html>").getBytes(Charset.forName("UTF-16BE"));
        assertThat(parser.parse("m", utf16, null).items().get(0).title()).isEqualTo("UTF-16 été");
        // an unknown charset name falls back to detection instead of failing
        assertThat(parser.parse("m", "<title>ok</title>".getBytes(StandardCharsets.UTF_8), "text/html; charset=x-nonsense")
                .items().get(0).title()).isEqualTo("ok");
    }

    @Test
    void titleAndDescriptionPrecedence() {
        Item twitter = parseString("<title>Plain</title><meta name=\"twitter:title\" content=\"Tweet title\">"
                + "<meta name=\"description\" content=\"Meta description\">").items().get(0);
        assertThat(twitter.title()).isEqualTo("Tweet title");
        assertThat(twitter.summaryText()).isEqualTo("Meta description");
        Item h1 = parseString("<body><h1>Heading <em>only</em></h1></body>").items().get(0);
        assertThat(h1.title()).isEqualTo("Heading only");
        Item described = parseString("<meta property=\"og:description\" content=\"Only a description here\">").items().get(0);
        assertThat(described.title()).isEqualTo("Only a description here");
    }

    @Test
    void publicationTimeFromEverySource() {
        assertThat(published("<meta property=\"article:published_time\" content=\"2026-05-01T10:00:00+01:00\">"))
                .isEqualTo(Instant.parse("2026-05-01T09:00:00Z"));
        assertThat(published("<meta name=\"citation_publication_date\" content=\"2019/07/15\">"))
                .isEqualTo(Instant.parse("2019-07-15T00:00:00Z"));
        assertThat(published("<meta name=\"DC.date\" content=\"2021-02-03\">")).isEqualTo(Instant.parse("2021-02-03T00:00:00Z"));
        assertThat(published("<meta name=\"date\" content=\"2022-04-05 06:07:08\">")).isEqualTo(Instant.parse("2022-04-05T06:07:08Z"));
        assertThat(published("<meta itemprop=\"datePublished\" content=\"2023-01-02\">")).isEqualTo(Instant.parse("2023-01-02T00:00:00Z"));
        assertThat(published("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
                + "\"2024-08-09T10:11:12Z\"}</script>")).isEqualTo(Instant.parse("2024-08-09T10:11:12Z"));
        assertThat(published("<body><p><time datetime=\"2025-12-24T18:00:00-05:00\">Christmas Eve</time></p></body>"))
                .isEqualTo(Instant.parse("2025-12-24T23:00:00Z"));
        assertThat(published("<meta property=\"article:modified_time\" content=\"2025-01-01T00:00:00Z\">"))
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(published("<meta name=\"date\" content=\"sometime soon\">")).isNull();
    }

    private Instant published(String head) {
        return parseString("<title>t</title>" + head).items().get(0).publishedAt();
    }

    @Test
    void authorsFromMetaAndJsonLdShapes() {
        assertThat(parseString("<title>t</title><meta name=\"author\" content=\"Jane Doe\">"
                + "<meta property=\"article:author\" content=\"https://facebook.example/jane\">").items().get(0).authors())
                .containsExactly("Jane Doe");
        assertThat(parseString("<title>t</title><script type=\"application/ld+json\">[{\"@type\":\"Article\","
                + "\"author\":\"Solo Writer\"}]</script>").items().get(0).authors()).containsExactly("Solo Writer");
        assertThat(parseString("<title>t</title><meta name=\"citation_author\" content=\"Smith, Jr., John\">"
                + "<meta name=\"citation_author\" content=\"Lee, Jr\">").items().get(0).authors())
                .containsExactly("Smith, Jr., John", "Lee, Jr");
    }

    @Test
    void doiAndArxivFromCitationTagsCanonicalAndJsonLd() {
        Item doi = parseString("<title>t</title><meta name=\"citation_doi\" content=\"10.1145/ABC.123\">").items().get(0);
        assertThat(doi.doi()).isEqualTo("10.1145/abc.123");
        Item doiLink = parseString("<title>t</title><link rel=\"canonical\" href=\"https://dl.acm.org/doi/10.1145/3600006.3613165\">")
                .items().get(0);
        assertThat(doiLink.doi()).isEqualTo("10.1145/3600006.3613165");
        Item ld = parseString("<title>t</title><script type=\"application/ld+json\">{\"@type\":\"ScholarlyArticle\","
                + "\"identifier\":{\"@type\":\"PropertyValue\",\"value\":\"doi:10.5555/ld.9\"},"
                + "\"sameAs\":\"https://arxiv.org/abs/2601.00042\"}</script>").items().get(0);
        assertThat(ld.doi()).isEqualTo("10.5555/ld.9");
        assertThat(ld.arxivId()).isEqualTo("2601.00042");
        assertThat(ld.url()).isEqualTo("https://arxiv.org/abs/2601.00042"); // no canonical: the paper's page
        Item two = parseString("<title>t</title><body><a href=\"https://arxiv.org/abs/2601.00001\">a</a>"
                + "<a href=\"https://arxiv.org/abs/2601.00002\">b</a></body>").items().get(0);
        assertThat(two.arxivId()).isNull(); // a page about several papers names none of them
        assertThat(two.links()).hasSize(2);
    }

    @Test
    void unreadablePagesEndInOneLineIngestExceptions() {
        assertThatThrownBy(() -> parser.parse("m", new byte[0], "text/html")).isInstanceOf(IngestException.class)
                .hasMessage("empty page body");
        assertThatThrownBy(() -> parser.parse("m", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "application/pdf"))
                .isInstanceOf(IngestException.class).hasMessage("not an HTML page: content type application/pdf");
        assertThatThrownBy(() -> parser.parse("m", new byte[] {0x50, 0x4B, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0}, null))
                .isInstanceOf(IngestException.class).hasMessage("not an HTML page: binary content");
        assertThatThrownBy(() -> parseString("<html><head></head><body><p>no metadata</p></body></html>"))
                .isInstanceOf(IngestException.class).hasMessage("page has no title, description or canonical URL");
    }

    @Test
    void datesAsTheWebWritesThem() {
        assertThat(PageMetaParser.parseDate("2026-07-12T20:00:00.000Z")).isEqualTo(Instant.parse("2026-07-12T20:00:00Z"));
        assertThat(PageMetaParser.parseDate("2026-07-12T20:00:00+0200")).isEqualTo(Instant.parse("2026-07-12T18:00:00Z"));
        assertThat(PageMetaParser.parseDate("2026-07-12T20:00")).isEqualTo(Instant.parse("2026-07-12T20:00:00Z"));
        assertThat(PageMetaParser.parseDate("2026-07-12 20:00:00 UTC")).isEqualTo(Instant.parse("2026-07-12T20:00:00Z"));
        assertThat(PageMetaParser.parseDate("Sun, 12 Jul 2026 20:00:00 GMT")).isEqualTo(Instant.parse("2026-07-12T20:00:00Z"));
        assertThat(PageMetaParser.parseDate("Sun, 12 Jul 2026 20:00:00 +0000")).isEqualTo(Instant.parse("2026-07-12T20:00:00Z"));
        assertThat(PageMetaParser.parseDate("July 12, 2026")).isEqualTo(Instant.parse("2026-07-12T00:00:00Z"));
        assertThat(PageMetaParser.parseDate("12 Jul 2026")).isEqualTo(Instant.parse("2026-07-12T00:00:00Z"));
        assertThat(PageMetaParser.parseDate("2026/7/2")).isEqualTo(Instant.parse("2026-07-02T00:00:00Z"));
        assertThat(PageMetaParser.parseDate("2026")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(PageMetaParser.parseDate("1784000000")).isEqualTo(Instant.ofEpochSecond(1784000000L));
        assertThat(PageMetaParser.parseDate("1784000000123")).isEqualTo(Instant.ofEpochMilli(1784000000123L));
        assertThat(PageMetaParser.parseDate("2026-13")).isNull();
        assertThat(PageMetaParser.parseDate("2026-02-30")).isNull();
        assertThat(PageMetaParser.parseDate("")).isNull();
        assertThat(PageMetaParser.parseDate(null)).isNull();
    }

    @Test
    void connectorsSniffPages() throws Exception {
        Connectors connectors = new Connectors();
        byte[] body = page("blog-post.html");
        assertThat(connectors.sniff(body, "text/html; charset=utf-8")).isEqualTo("page");
        assertThat(connectors.parseAny("https://lab.example/x", body, "text/html").items()).hasSize(1);
    }
}
