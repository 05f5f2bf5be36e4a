package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.trendpress.testing.SharedData;

/**
 * Every arXiv capture (API Atom, old and new serialisation, the recorded JSON exchanges and the
 * 2024 RSS feeds) parses into the right Items with arXiv metadata.
 */
class ArxivCapturesTest {

    private final ArxivApiParser api = new ArxivApiParser();
    private final FeedParser rss = new FeedParser();
    private final ObjectMapper json = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyApiCaptureParses() throws IOException {
        Path dir = SharedData.require("arxiv/api-atom");
        Map<String, Integer> indexed = FeedCapturesTest.fileIndexCounts(
                dir.getParent().getParent().resolve("_meta/file_index.tsv"), dir);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(31);
        return files.stream().map(p -> DynamicTest.dynamicTest(dir.relativize(p).toString(), () -> {
            byte[] body = bodyOf(p);
            if (new String(body, StandardCharsets.UTF_8).contains("arxiv.org/api/errors")) {
                assertThatThrownBy(() -> api.parse("arxiv", body, "application/atom+xml"))
                        .isInstanceOf(IngestException.class)
                        .hasMessageContaining("arXiv API error: incorrect id format for abc");
                return;
            }
            ParsedFeed feed = api.parse("arxiv", body, "application/atom+xml; charset=utf-8");
            FeedCapturesTest.Counts counts = FeedCapturesTest.staxCounts(body);
            assertThat(feed.items()).hasSize(counts.entries());
            Integer expected = indexed.get(p.toAbsolutePath().normalize().toString());
            if (expected != null) {
                assertThat(feed.items()).as("items vs _meta/file_index.tsv").hasSize(expected);
            }
            // arxiv.py's recordings hold UTF-8 that was once misread as Latin-1 ("Ï\u0080" for π)
            assertThat(feed.warnings()).isSubsetOf(List.of("double-encoded UTF-8 repaired"));
            assertThat(feed.items()).allSatisfy(i -> assertThat(i.summaryText() + i.title())
                    .doesNotContainPattern("[\u0080-\u009f]"));
            assertThat(feed.totalResults()).isGreaterThanOrEqualTo(feed.items().size());
            assertThat(feed.startIndex()).isGreaterThanOrEqualTo(0);
            for (Item item : feed.items()) {
                assertThat(item.title()).isNotBlank();
                assertThat(item.url()).contains("arxiv.org/abs/");
                assertThat(item.arxivId()).as(item.url()).isNotBlank().doesNotContainPattern("v\\d+$");
                assertThat(item.details().arxivVersion()).as(item.url()).isPositive();
                assertThat(item.url()).contains(item.arxivId());
                assertThat(item.authors()).isNotEmpty().allSatisfy(a -> assertThat(a).isNotBlank());
                assertThat(item.publishedAt()).isNotNull();
                assertThat(item.summaryText()).isNotBlank();
                assertThat(item.details().primaryCategory()).isNotBlank();
                assertThat(item.details().categories()).first().isEqualTo(item.details().primaryCategory());
                assertThat(item.details().pdfUrl()).contains("arxiv.org/pdf/" + item.arxivId());
            }
        }));
    }

    private byte[] bodyOf(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        if (!p.toString().endsWith(".json")) {
            return bytes;
        }
        JsonNode node = json.readTree(bytes);
        return node.get("body").asText().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void newSerialisationCarriesCommentCategoriesAndPaging() throws IOException {
        Path dir = SharedData.require("arxiv/api-atom");
        ParsedFeed feed = api.parse("arxiv",
                Files.readAllBytes(dir.resolve("francojc-lumen/tests/fixtures/arxiv_get_by_id.xml")), null);
        assertThat(feed.totalResults()).isEqualTo(1);
        assertThat(feed.startIndex()).isEqualTo(0);
        Item item = feed.items().get(0);
        assertThat(item.arxivId()).isEqualTo("1706.03762");
        assertThat(item.details().arxivVersion()).isEqualTo(7);
        assertThat(item.title()).isEqualTo("Attention Is All You Need");
        assertThat(item.details().primaryCategory()).isEqualTo("cs.CL");
        assertThat(item.details().categories()).containsExactly("cs.CL", "cs.LG");
        assertThat(item.details().comment()).isEqualTo("15 pages, 5 figures");
        assertThat(item.details().pdfUrl()).isEqualTo("https://arxiv.org/pdf/1706.03762v7");
        assertThat(item.authors()).startsWith("Ashish Vaswani");
        assertThat(item.publishedAt()).hasToString("2017-06-12T17:57:34Z");
    }

    @Test
    void legacySerialisationReadsInlineOpensearchAndPdfTitleLinks() throws IOException {
        Path dir = SharedData.require("arxiv/api-atom/legacy-format-pre2026");
        ParsedFeed feed = api.parse("arxiv",
                Files.readAllBytes(dir.resolve("james-akl-xiv/tests/fixtures/arxiv_response.xml")), null);
        assertThat(feed.totalResults()).isEqualTo(5619);
        assertThat(feed.items()).hasSize(2);
        Item first = feed.items().get(0);
        assertThat(first.arxivId()).isEqualTo("2510.14968");
        assertThat(first.details().pdfUrl()).isEqualTo("http://arxiv.org/pdf/2510.14968v1");
        assertThat(first.title()).startsWith("RDD: Retrieval-Based Demonstration Decomposer").doesNotContain("\n");
        ParsedFeed empty = api.parse("arxiv",
                Files.readAllBytes(dir.resolve("james-akl-xiv/tests/fixtures/arxiv_empty.xml")), null);
        assertThat(empty.items()).isEmpty();
    }

    @Test
    void recordedExchangesKeepOldStyleIdsDoisAndJournalRefs() throws IOException {
        Path dir = SharedData.require("arxiv/api-atom/lukasschwab-arxiv.py/tests/fixtures");
        Item astro = api.parse("arxiv", bodyOf(dir.resolve("id_astro-ph_0601001_s0_m100_3150dca9dc76.json")), null)
                .items().get(0);
        assertThat(astro.arxivId()).isEqualTo("astro-ph/0601001");
        Item quant = api.parse("arxiv", bodyOf(dir.resolve("id_quant-ph_0201082v1_s0_m100_86989fe779ef.json")), null)
                .items().get(0);
        assertThat(quant.arxivId()).isEqualTo("quant-ph/0201082");
        assertThat(quant.details().arxivVersion()).isEqualTo(1);

        ParsedFeed none = api.parse("arxiv", bodyOf(dir.resolve("id_0000.0000_s0_m100_8b51d9633a68.json")), null);
        assertThat(none.items()).isEmpty();
        assertThat(none.totalResults()).isZero();

        ParsedFeed page = api.parse("arxiv", bodyOf(dir.resolve("q_testing_s0_m100_cfe7536492ca.json")), null);
        assertThat(page.items()).hasSize(100);
        assertThat(page.items()).filteredOn(i -> i.doi() != null).hasSizeGreaterThanOrEqualTo(30);
        assertThat(page.items()).filteredOn(i -> i.details().journalRef() != null).isNotEmpty();
        assertThat(page.items()).filteredOn(i -> i.details().comment() != null).hasSizeGreaterThanOrEqualTo(90);
        ParsedFeed second = api.parse("arxiv", bodyOf(dir.resolve("q_testing_s10_m10_34e56e15aaac.json")), null);
        assertThat(second.startIndex()).isEqualTo(10);
    }

    @Test
    void arxivRss2024MapsAnnounceTypeAbstractAuthorsAndCategories() throws IOException {
        Path dir = SharedData.require("arxiv/rss-2024-format/jmamath-distill/tests/fixtures");
        ParsedFeed feed = rss.parse("arxiv-rss", Files.readAllBytes(dir.resolve("arxiv_cs_ai.xml")), null);
        assertThat(feed.items()).hasSize(3);
        Item first = feed.items().get(0);
        assertThat(first.arxivId()).isEqualTo("2604.21935");
        assertThat(first.details().arxivVersion()).isEqualTo(1);
        assertThat(first.details().announceType()).isEqualTo("new");
        assertThat(first.details().categories()).containsExactly("cs.AI", "cs.LG");
        assertThat(first.authors()).containsExactly("Michael Cooper", "Samuel Cooper");
        assertThat(first.summaryText()).startsWith("Although language models demonstrate")
                .doesNotContain("Announce Type", "arXiv:2604");
        assertThat(first.publishedAt()).hasToString("2026-04-27T04:00:00Z");
        assertThat(feed.items().get(2).authors()).hasSize(17).startsWith("Lisheng Zhang").endsWith("Zhengwei Xie");
        for (String file : List.of("arxiv_cs_ai.xml", "arxiv_cs_cl.xml", "arxiv_cs_lg.xml")) {
            for (Item item : rss.parse("arxiv-rss", Files.readAllBytes(dir.resolve(file)), null).items()) {
                assertThat(item.arxivId()).isNotNull();
                assertThat(item.details().announceType()).isNotBlank();
                assertThat(item.details().pdfUrl()).startsWith("https://arxiv.org/pdf/" + item.arxivId());
                assertThat(item.summaryText()).doesNotStartWith("arXiv:");
            }
        }
    }
}
