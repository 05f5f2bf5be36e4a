package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.trendpress.testing.SharedData;

/**
 * The real Hugging Face Daily Papers captures in ../shared/data/hf-daily-papers, read in place. The
 * expected values come from reading the same bytes with plain Jackson (or a DOM for the RSS
 * renderings), independently of the connector under test.
 */
class HfDailyCapturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connectors connectors = new Connectors();

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyJsonCaptureParsesIntoOneItemPerEntryWithItsFields() throws Exception {
        Path dir = SharedData.require("hf-daily-papers");
        List<Path> files = files(dir, ".json");
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        int total = 0;
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            JsonNode expected = JSON.readTree(body);
            assertThat(connectors.sniff(body, null)).as(file.toString()).isEqualTo("hf-daily");
            ParsedFeed feed = connectors.forType("hf-daily").parse("hf-daily", body, "application/json");

            assertThat(expected.isArray()).as(file.toString()).isTrue();
            assertThat(feed.items()).as(file.toString()).hasSize(expected.size());
            assertThat(feed.warnings()).as(file.toString()).isEmpty();
            for (int i = 0; i < expected.size(); i++) {
                JsonNode entry = expected.get(i);
                JsonNode paper = entry.get("paper");
                Item item = feed.items().get(i);
                String where = file.getFileName() + " entry " + i;
                String id = paper.get("id").asText();
                String title = (paper.has("title") ? paper : entry).get("title").asText().replaceAll("\\s+", " ").strip();

                assertThat(Links.isArxivId(id)).as(where).isTrue();
                assertThat(item.guid()).as(where).isEqualTo(id);
                assertThat(item.arxivId()).as(where).isEqualTo(id);
                assertThat(item.title()).as(where).isEqualTo(title).isNotBlank();
                assertThat(item.url()).as(where).isEqualTo("https://huggingface.co/papers/" + id);
                assertThat(item.links()).as(where).contains("https://arxiv.org/abs/" + id);
                String date = (paper.has("publishedAt") ? paper : entry).get("publishedAt").asText();
                assertThat(item.publishedAt()).as(where).isEqualTo(Instant.parse(date));
                List<String> names = new ArrayList<>();
                paper.path("authors").forEach(a -> names.add(a.get("name").asText().strip()));
                assertThat(item.authors()).as(where).containsExactlyElementsOf(names);
                assertThat(item.summaryText()).as(where).isNotBlank();
                assertThat(item.details().upvotes()).as(where).isEqualTo(paper.path("upvotes").asInt());
                assertThat(item.details().comments()).as(where).isEqualTo(entry.path("numComments").asInt());
                assertThat(item.details().codeUrl()).as(where).isEqualTo(paper.path("githubRepo").textValue());
                assertThat(item.details().stars()).as(where).isEqualTo(paper.path("githubStars").asInt());
                assertThat(item.details().projectUrl()).as(where).isEqualTo(paper.path("projectPage").textValue());
                if (paper.path("githubRepo").isTextual()) {
                    assertThat(item.links()).as(where).contains(paper.get("githubRepo").asText());
                }
                if (paper.path("projectPage").isTextual()) {
                    assertThat(item.links()).as(where).contains(paper.get("projectPage").asText());
                }
                assertThat(item.details().keywords()).as(where).hasSize((int) stream(paper.path("ai_keywords")).distinct().count());
                JsonNode org = paper.has("organization") ? paper.get("organization") : entry.get("organization");
                assertThat(item.details().organisation()).as(where)
                        .isEqualTo(org == null ? null : org.path("fullname").asText(org.path("name").asText()));
            }
            total += feed.items().size();
        }
        assertThat(total).isEqualTo(30 + 30 + 25 + 10 + 5 + 2); // the entries PROVENANCE.md lists
    }

    private static Stream<String> stream(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.stream();
    }

    @Test
    void capturesOfTheSameDayAgreeOnEachPaper() throws Exception {
        Path dir = SharedData.require("hf-daily-papers");
        Map<String, Item> seen = new HashMap<>();
        int shared = 0;
        for (Path file : files(dir, ".json")) {
            for (Item item : connectors.forType("hf-daily").parse("hf", Files.readAllBytes(file), null).items()) {
                Item before = seen.putIfAbsent(item.arxivId(), item);
                if (before != null) {
                    shared++;
                    assertThat(item.guid()).isEqualTo(before.guid());
                    assertThat(item.canonicalUrl()).isEqualTo(before.canonicalUrl());
                    assertThat(item.title()).isEqualTo(before.title());
                }
            }
        }
        assertThat(shared).as("BuiVannn and scout-cpu cover the same day").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theRssRenderingsAreReadByTheFeedConnector() throws Exception {
        Path dir = SharedData.require("hf-daily-papers/rss-renderings");
        List<Path> files = files(dir, ".xml");
        assertThat(files).hasSize(2);
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var dom = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            var expectedItems = dom.getElementsByTagName("item");

            ParsedFeed feed = connectors.forType("rss").parse("hf-rss", body, "application/rss+xml");
            assertThat(feed.items()).as(file.toString()).hasSize(expectedItems.getLength());
            for (int i = 0; i < expectedItems.getLength(); i++) {
                var el = (org.w3c.dom.Element) expectedItems.item(i);
                Item item = feed.items().get(i);
                assertThat(item.title()).isEqualTo(el.getElementsByTagName("title").item(0).getTextContent().strip());
                assertThat(item.url()).isEqualTo(el.getElementsByTagName("link").item(0).getTextContent().strip());
                // arxiv.org/abs/<id> (feedgen) or tldr.takara.ai/p/<id>: both name the paper
                assertThat(item.arxivId()).as(item.url()).isNotNull()
                        .isEqualTo(Links.arxivId(item.url()).orElseThrow());
                assertThat(item.publishedAt()).as(item.url()).isNotNull();
            }
        }
    }

    @Test
    void hackerNewsAlgoliaJsonIsNotAFormatWeReadAndSaysSo() throws Exception {
        Path dir = SharedData.require("tech-news-feeds");
        List<Path> files = files(dir, ".json");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            assertThat(JSON.readTree(body).has("hits")).as(file.toString()).isTrue(); // Algolia search results
            assertThatThrownBy(() -> connectors.parseAny("hn", body, "application/json"))
                    .as(file.toString())
                    .isInstanceOf(IngestException.class)
                    .hasMessage("search-engine JSON (Algolia hits) is not a feed: use the site's RSS feed instead");
        }
    }
}
