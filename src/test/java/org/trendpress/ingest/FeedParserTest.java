package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();

    private ParsedFeed parse(String file) throws Exception {
        return parser.parse("test", Files.readAllBytes(Path.of("src/test/resources/feeds", file)), null);
    }

    @Test
    void mapsRssEntriesIntoItems() throws Exception {
        ParsedFeed feed = parse("mixed.rss");
        assertThat(feed.title()).isEqualTo("Test Lab & Friends");
        assertThat(feed.items()).hasSize(3);

        Item paper = feed.items().get(0);
        assertThat(paper.sourceId()).isEqualTo("test");
        assertThat(paper.guid()).isEqualTo("lab-post-7");
        assertThat(paper.title()).isEqualTo("Sparse routers for vision transformers");
        assertThat(paper.canonicalUrl()).isEqualTo("https://lab.example/posts/sparse-routers?id=7");
        assertThat(paper.authors()).containsExactly("Ana Ortiz", "Bo Chen", "Chiara Rossi");
        assertThat(paper.publishedAt()).isEqualTo(Instant.parse("2026-10-13T09:30:00Z"));
        assertThat(paper.arxivId()).isEqualTo("2610.04101");
        assertThat(paper.links()).contains("https://github.com/testlab/sparse-routers");
    }

    @Test
    void sanitisesHtmlAndDerivesPlainText() throws Exception {
        Item paper = parse("mixed.rss").items().get(0);
        assertThat(paper.summaryHtml()).doesNotContain("<script", "onerror", "alert(");
        assertThat(paper.summaryHtml()).contains("<a href=\"https://github.com/testlab/sparse-routers\"");
        assertThat(paper.summaryText()).startsWith("We route tokens sparsely.").doesNotContain("<");
    }

    @Test
    void entryWithoutGuidOrDateUsesLinkAndLeavesDateToTheStore() throws Exception {
        Item office = parse("mixed.rss").items().get(1);
        assertThat(office.guid()).isEqualTo("https://lab.example/posts/lisbon");
        assertThat(office.publishedAt()).isNull();
        assertThat(office.arxivId()).isNull();
    }

    @Test
    void findsDoiInText() throws Exception {
        Item journal = parse("mixed.rss").items().get(2);
        assertThat(journal.doi()).isEqualTo("10.1038/s41586-026-01234-5");
        assertThat(journal.publishedAt()).isEqualTo(Instant.parse("2026-10-14T08:00:00Z"));
    }

    @Test
    void mapsAtomEntriesWithSeveralAuthorsAndOldStyleArxivIds() throws Exception {
        ParsedFeed feed = parse("atom.xml");
        Item item = feed.items().get(0);
        assertThat(item.guid()).isEqualTo("tag:atom.example,2026:old-ids");
        assertThat(item.url()).isEqualTo("https://atom.example/old-ids");
        assertThat(item.authors()).containsExactly("Dana Scully", "Fox Mulder");
        assertThat(item.arxivId()).isEqualTo("hep-th/9901001");
        assertThat(item.summaryText()).isEqualTo("Plain text with <angle> brackets & ampersands.");
        assertThat(item.summaryHtml()).doesNotContain("<angle>");
    }

    @Test
    void refusesExternalEntitiesWithAClearError() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<rss version=\"2.0\"><channel><title>&x;</title><link>http://a/</link><description>d</description>"
                + "</channel></rss>";
        assertThatThrownBy(() -> parser.parse("t", xxe.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("cannot parse feed");
    }

    @Test
    void garbageIsAnIngestExceptionNotACrash() {
        assertThatThrownBy(() -> parser.parse("t", new byte[] {0, 1, 2, (byte) 0xff}, null))
                .isInstanceOf(IngestException.class);
        assertThatThrownBy(() -> parser.parse("t", "<html><body>not a feed</body></html>".getBytes(), "text/html"))
                .isInstanceOf(IngestException.class);
    }

    @Test
    void emptyFeedGivesNoItems() {
        String empty = "<rss version=\"2.0\"><channel><title>t</title><link>http://a/</link><description>d</description></channel></rss>";
        assertThat(parser.parse("t", empty.getBytes(StandardCharsets.UTF_8), null).items()).isEqualTo(List.of());
    }
}
