package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonFeedParserTest {

    private final JsonFeedParser parser = new JsonFeedParser();

    private ParsedFeed parse(String file) throws Exception {
        return parser.parse("jf", Files.readAllBytes(Path.of("src/test/resources/json", file)), "application/feed+json");
    }

    private ParsedFeed parseString(String json) {
        return parser.parse("jf", json.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void version11FeedAndAFullItem() throws Exception {
        ParsedFeed feed = parse("jsonfeed-1.1.json");
        assertThat(feed.title()).isEqualTo("Test Lab Notes");
        assertThat(feed.link()).isEqualTo("https://lab.example/");
        assertThat(feed.items()).hasSize(4);
        assertThat(feed.warnings()).containsExactly("item 4 skipped: no id, url, title or content");

        Item item = feed.items().get(0);
        assertThat(item.sourceId()).isEqualTo("jf");
        assertThat(item.guid()).isEqualTo("https://lab.example/posts/sparse");
        assertThat(item.url()).isEqualTo("https://lab.example/posts/sparse?utm_source=jsonfeed#top");
        assertThat(item.canonicalUrl()).isEqualTo("https://lab.example/posts/sparse");
        assertThat(item.title()).isEqualTo("Sparse routers, explained");
        assertThat(item.summaryHtml()).contains("<a href=\"https://arxiv.org/abs/2610.04101v2\"").doesNotContain("script");
        assertThat(item.summaryText()).isEqualTo("Our paper on arXiv and code.");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-10-13T07:30:00Z"));
        assertThat(item.authors()).containsExactly("Ana Ortiz", "Bo Chen");
        assertThat(item.arxivId()).isEqualTo("2610.04101");
        assertThat(item.details().arxivVersion()).isEqualTo(2);
        assertThat(item.details().keywords()).containsExactly("moe", "vision");
        assertThat(item.links()).containsExactly("https://lab.example/audio/sparse.mp3",
                "https://arxiv.org/abs/2610.04101v2", "https://github.com/testlab/sparse-routers");
    }

    @Test
    void itemWithoutTitleTakesItsTextAndFeedAuthors() throws Exception {
        Item note = parse("jsonfeed-1.1.json").items().get(1);
        assertThat(note.title()).isEqualTo("A short note without a title. It mentions doi:10.5555/Note.2 in passing.");
        assertThat(note.summaryHtml()).startsWith("<p>A short note");
        assertThat(note.authors()).containsExactly("Test Lab Team");
        assertThat(note.doi()).isEqualTo("10.5555/note.2");
        assertThat(note.arxivId()).isNull();
        assertThat(note.details()).isEqualTo(ItemDetails.NONE);
    }

    @Test
    void itemWithOnlyAnExternalUrlLinksThere() throws Exception {
        Item link = parse("jsonfeed-1.1.json").items().get(2);
        assertThat(link.guid()).isEqualTo("link-3");
        assertThat(link.url()).isEqualTo("https://news.example/story?id=9&fbclid=zz");
        assertThat(link.canonicalUrl()).isEqualTo("https://news.example/story?id=9");
        assertThat(link.links()).isEmpty();
        assertThat(link.publishedAt()).isNull();
    }

    @Test
    void itemWithoutUrlOrDateKeepsItsNumericId() throws Exception {
        Item item = parse("jsonfeed-1.1.json").items().get(3);
        assertThat(item.guid()).isEqualTo("4");
        assertThat(item.url()).isNull();
        assertThat(item.canonicalUrl()).isNull();
        assertThat(item.title()).isEqualTo("Numeric id, no url, no date");
        assertThat(item.summaryHtml()).isEmpty();
    }

    @Test
    void version10SingleAuthorsAndPlainText() throws Exception {
        ParsedFeed feed = parse("jsonfeed-1.0.json");
        assertThat(feed.title()).isEqualTo("Old Style Feed");
        assertThat(feed.link()).isEqualTo("https://old.example");
        assertThat(feed.warnings()).isEmpty();
        assertThat(feed.items()).hasSize(2);

        Item first = feed.items().get(0);
        assertThat(first.authors()).containsExactly("Eve Writer");
        assertThat(first.summaryHtml()).isEqualTo("<p>Plain text with &lt;angle&gt; brackets &amp; ampersands.</p>");
        assertThat(first.summaryText()).isEqualTo("Plain text with <angle> brackets & ampersands.");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(first.details().keywords()).containsExactly("intro");

        Item second = feed.items().get(1);
        assertThat(second.authors()).containsExactly("Feed Owner");
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z")); // date_modified
        assertThat(second.summaryHtml()).isEqualTo("<p>Feed author applies here.</p>");
    }

    @Test
    void summaryIsUsedWhenThereIsNoContent() {
        Item item = parseString("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"s\","
                + "\"url\":\"https://a.example/s\",\"title\":\"T\",\"summary\":\"Just a summary.\"}]}").items().get(0);
        assertThat(item.summaryText()).isEqualTo("Just a summary.");
    }

    @Test
    void documentsWithoutAVersionAreReadWithAWarning() {
        ParsedFeed feed = parseString("{\"items\":[{\"id\":\"1\",\"url\":\"https://a.example/1\",\"title\":\"One\"}]}");
        assertThat(feed.items()).hasSize(1);
        assertThat(feed.warnings()).containsExactly("no JSON Feed version; read as version 1.1");
        ParsedFeed future = parseString("{\"version\":\"https://jsonfeed.org/version/2\",\"items\":[]}");
        assertThat(future.warnings()).containsExactly(
                "unknown JSON Feed version https://jsonfeed.org/version/2; read as version 1.1");
        assertThat(parseString("{\"version\":\"https://jsonfeed.org/version/1\",\"title\":\"Empty\"}").items()).isEmpty();
    }

    @Test
    void invalidJsonAndOtherDocumentsEndInOneLineIngestExceptions() {
        assertThatThrownBy(() -> parseString("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [")).isInstanceOf(IngestException.class)
                .hasMessageStartingWith("cannot parse JSON Feed JSON:");
        assertThatThrownBy(() -> parseString("{\"title\": 'single quotes'}")).isInstanceOf(IngestException.class)
                .hasMessageStartingWith("cannot parse JSON Feed JSON:");
        assertThatThrownBy(() -> parseString("[]")).isInstanceOf(IngestException.class)
                .hasMessage("not a JSON Feed: expected an object, found an array");
        assertThatThrownBy(() -> parseString("{\"hits\":[]}")).isInstanceOf(IngestException.class)
                .hasMessage("not a JSON Feed: no version and no items array");
        assertThatThrownBy(() -> parseString("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":{}}"))
                .isInstanceOf(IngestException.class).hasMessage("not a JSON Feed: items is an object with no fields");
        assertThatThrownBy(() -> parseString("")).isInstanceOf(IngestException.class).hasMessage("empty JSON Feed body");
        assertThatThrownBy(() -> parseString("{\"a\":1}{\"b\":2}")).isInstanceOf(IngestException.class);
    }

    @Test
    void connectorsSniffJsonFeeds() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/json", "jsonfeed-1.0.json"));
        Connectors connectors = new Connectors();
        assertThat(connectors.sniff(body, "application/json")).isEqualTo("jsonfeed");
        assertThat(connectors.parseAny("jf", body, null).items()).hasSize(2);
    }

    @Test
    void relativeUrlsResolveAgainstFeedUrlThenDocumentThenHomePage() {
        String items = """
                "items": [{"id": "1", "title": "One", "url": "posts/one",
                  "external_url": "/elsewhere", "attachments": [{"url": "media/a.mp3", "mime_type": "audio/mpeg"}],
                  "content_html": "<p>See <a href=\\"../code\\">code</a> and <a href=\\"javascript:x()\\">this</a>.</p>"}]""";
        String withFeedUrl = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "Lab",
                 "home_page_url": "https://lab.example/", "feed_url": "https://lab.example/feeds/main.json",
                """ + items + "}";
        ParsedFeed feed = parser.parse("jf", withFeedUrl.getBytes(StandardCharsets.UTF_8), null,
                "https://mirror.example/x/feed.json");
        Item item = feed.items().get(0);
        assertThat(item.url()).isEqualTo("https://lab.example/feeds/posts/one");
        assertThat(item.links()).containsExactly("https://lab.example/elsewhere", "https://lab.example/feeds/media/a.mp3",
                "https://lab.example/code");
        assertThat(item.summaryHtml()).contains("href=\"https://lab.example/code\"").doesNotContain("javascript");

        String noFeedUrl = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "Lab", "home_page_url": "https://lab.example/",
                """ + items + "}";
        assertThat(parser.parse("jf", noFeedUrl.getBytes(StandardCharsets.UTF_8), null,
                "https://mirror.example/x/feed.json").items().get(0).url()).isEqualTo("https://mirror.example/x/posts/one");
        assertThat(parseString(noFeedUrl).items().get(0).url()).isEqualTo("https://lab.example/posts/one");

        String noBase = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Lab\", " + items + "}";
        Item unresolved = parseString(noBase).items().get(0);
        assertThat(unresolved.url()).isNull();
        assertThat(unresolved.title()).isEqualTo("One");
    }
}
