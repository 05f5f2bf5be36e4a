package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HfDailyParserTest {

    private final HfDailyParser parser = new HfDailyParser();

    private ParsedFeed parse(String file) throws Exception {
        return parser.parse("hf", Files.readAllBytes(Path.of("src/test/resources/json", file)), "application/json");
    }

    private ParsedFeed parseString(String json) {
        return parser.parse("hf", json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void mapsAFullEntryWithEverySignal() throws Exception {
        ParsedFeed feed = parse("hf-daily-full.json");
        assertThat(feed.title()).isEqualTo("Hugging Face Daily Papers");
        assertThat(feed.link()).isEqualTo("https://huggingface.co/papers");
        assertThat(feed.items()).hasSize(3);
        assertThat(feed.warnings()).isEmpty();

        Item item = feed.items().get(0);
        assertThat(item.sourceId()).isEqualTo("hf");
        assertThat(item.guid()).isEqualTo("2610.04101");
        assertThat(item.url()).isEqualTo("https://huggingface.co/papers/2610.04101");
        assertThat(item.canonicalUrl()).isEqualTo("https://huggingface.co/papers/2610.04101");
        assertThat(item.arxivId()).isEqualTo("2610.04101");
        assertThat(item.title()).isEqualTo("Sparse Routers for Vision Transformers");
        assertThat(item.authors()).containsExactly("Ana Ortiz", "Bo Chen", "Chiara Rossi");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-10-06T00:00:00Z"));
        assertThat(item.links()).containsExactly("https://arxiv.org/abs/2610.04101",
                "https://github.com/testlab/sparse-routers", "https://testlab.example/sparse/");
        assertThat(item.doi()).isEqualTo("10.1000/sparse.7");

        ItemDetails d = item.details();
        assertThat(d.upvotes()).isEqualTo(42);
        assertThat(d.comments()).isEqualTo(3);
        assertThat(d.codeUrl()).isEqualTo("https://github.com/testlab/sparse-routers");
        assertThat(d.stars()).isEqualTo(310);
        assertThat(d.projectUrl()).isEqualTo("https://testlab.example/sparse/");
        assertThat(d.keywords()).containsExactly("mixture of experts", "vision transformer");
        assertThat(d.organisation()).isEqualTo("Test Lab University");
        assertThat(d.pdfUrl()).isEqualTo("https://arxiv.org/pdf/2610.04101");
        assertThat(d.arxivVersion()).isZero();
    }

    @Test
    void summaryIsEscapedIntoParagraphsAndKeptAsPlainText() throws Exception {
        Item item = parse("hf-daily-full.json").items().get(0);
        assertThat(item.summaryHtml()).startsWith("<p>We route tokens to a few experts &amp; keep &lt;b&gt;accuracy")
                .contains("</p><p>A second paragraph").doesNotContain("<b>");
        assertThat(item.summaryText()).startsWith("We route tokens to a few experts & keep <b>accuracy</b>. A second");
    }

    @Test
    void versionedIdsOrganisationAsTextAndMissingSignals() throws Exception {
        Item item = parse("hf-daily-full.json").items().get(1);
        assertThat(item.guid()).isEqualTo("2610.04222");
        assertThat(item.arxivId()).isEqualTo("2610.04222");
        assertThat(item.details().arxivVersion()).isEqualTo(2);
        assertThat(item.url()).isEqualTo("https://huggingface.co/papers/2610.04222");
        assertThat(item.details().organisation()).isEqualTo("Independent Researchers");
        assertThat(item.details().codeUrl()).isNull();
        assertThat(item.details().stars()).isZero();
        assertThat(item.details().keywords()).isEmpty();
        assertThat(item.links()).containsExactly("https://arxiv.org/abs/2610.04222");
        assertThat(item.doi()).isNull();
    }

    @Test
    void titleAndDateFallBackToTheEntryAndOldStyleIdsWork() throws Exception {
        Item item = parse("hf-daily-full.json").items().get(2);
        assertThat(item.arxivId()).isEqualTo("hep-th/9901001");
        assertThat(item.title()).isEqualTo("A Classic From The Archive");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("1999-01-04T20:00:00Z"));
        assertThat(item.authors()).isEmpty();
        assertThat(item.details().upvotes()).isEqualTo(5); // a numeric string
        assertThat(item.details().organisation()).isEqualTo("archive-fans");
        assertThat(item.links()).containsExactly("https://arxiv.org/abs/hep-th/9901001");
    }

    @Test
    void trimmedCapturesParseAndUnusableEntriesBecomeWarnings() throws Exception {
        ParsedFeed feed = parse("hf-daily-trimmed.json");
        assertThat(feed.items()).extracting(Item::title).containsExactly("Counting Tokens Carefully");
        Item item = feed.items().get(0);
        assertThat(item.arxivId()).isEqualTo("2609.11111");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-09-14T20:00:00Z"));
        assertThat(item.details().upvotes()).isEqualTo(7);
        assertThat(item.summaryText()).isEqualTo("We count tokens and are careful about it.");
        assertThat(feed.warnings()).containsExactly("entry 1 skipped: no paper id or title",
                "entry 2 skipped: no paper id or title");
    }

    @Test
    void aBarePaperAndAWrappedArrayAreReadToo() {
        ParsedFeed single = parseString("{\"id\":\"2601.00002\",\"title\":\"One Paper\",\"upvotes\":3}");
        assertThat(single.items()).extracting(Item::arxivId).containsExactly("2601.00002");
        assertThat(single.items().get(0).details().upvotes()).isEqualTo(3);

        ParsedFeed wrapped = parseString("{\"papers\":[{\"paper\":{\"id\":\"2601.00003\",\"title\":\"Wrapped\"}}]}");
        assertThat(wrapped.items()).extracting(Item::title).containsExactly("Wrapped");
    }

    @Test
    void anEmptyArrayIsAnEmptyDay() {
        assertThat(parseString("[]").items()).isEmpty();
        assertThat(parseString("\uFEFF[ ]").items()).isEmpty();
    }

    @Test
    void unreadableBodiesEndInOneLineIngestExceptions() {
        assertThatThrownBy(() -> parseString("[{\"paper\": {\"id\": \"2601.00001\",}"))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("cannot parse Hugging Face Daily Papers JSON:")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> parseString("")).isInstanceOf(IngestException.class)
                .hasMessage("empty Hugging Face Daily Papers body");
        assertThatThrownBy(() -> parseString("<html>nope</html>")).isInstanceOf(IngestException.class)
                .hasMessageStartingWith("cannot parse Hugging Face Daily Papers JSON:");
        assertThatThrownBy(() -> parseString("[1] trailing")).isInstanceOf(IngestException.class);
        assertThatThrownBy(() -> parseString("{\"hits\":[{\"title\":\"x\"}],\"nbHits\":1}"))
                .isInstanceOf(IngestException.class)
                .hasMessage("not Hugging Face Daily Papers JSON: expected an array of papers, found an object with fields hits, nbHits");
        assertThatThrownBy(() -> parseString("[1, 2, 3]")).isInstanceOf(IngestException.class)
                .hasMessage("not Hugging Face Daily Papers JSON: none of 3 entries has a paper id or title");
        assertThatThrownBy(() -> parseString("\"just a string\"")).isInstanceOf(IngestException.class)
                .hasMessageContaining("found a string");
        assertThatThrownBy(() -> parser.parse("hf", new byte[] {(byte) 0xFF, 0, 1, 2, (byte) 0x80}, null))
                .isInstanceOf(IngestException.class);
        for (String s : new String[] {"[", "{", "[{\"paper\":", "\u0000\u0000", "[{\"paper\":{\"id\":[]}}]"}) {
            assertThatThrownBy(() -> parseString(s)).as(s).isInstanceOf(IngestException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void connectorsPickThisParserForHfJson() throws Exception {
        Connectors connectors = new Connectors();
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/json", "hf-daily-full.json"));
        assertThat(connectors.sniff(body, "application/json")).isEqualTo("hf-daily");
        assertThat(connectors.parseAny("hf", body, null).items()).hasSize(3);
    }
}
