package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON and page connectors on damaged input: every prefix of each fixture, and seeded random
 * byte flips. Each call parses or ends in an IngestException with a one-line message; nothing else
 * escapes.
 */
class JsonFeedRobustnessTest {

    private record Case(Connector connector, Path file) {}

    private static List<Case> cases() {
        Path json = Path.of("src/test/resources/json");
        Path pages = Path.of("src/test/resources/pages");
        return List.of(
                new Case(new HfDailyParser(), json.resolve("hf-daily-full.json")),
                new Case(new HfDailyParser(), json.resolve("hf-daily-trimmed.json")),
                new Case(new JsonFeedParser(), json.resolve("jsonfeed-1.1.json")),
                new Case(new JsonFeedParser(), json.resolve("jsonfeed-1.0.json")),
                new Case(new PageMetaParser(), pages.resolve("blog-post.html")),
                new Case(new PageMetaParser(), pages.resolve("arxiv-abs.html")));
    }

    private static void parseOrIngestException(Connector c, byte[] body, String what) {
        try {
            ParsedFeed feed = c.parse("robust", body, null);
            assertThat(feed).as(what).isNotNull();
        } catch (IngestException e) {
            assertThat(e.getMessage()).as(what).isNotBlank().doesNotContain("\n");
        }
    }

    @Test
    void everyPrefixParsesOrFailsCleanly() throws Exception {
        for (Case c : cases()) {
            byte[] full = Files.readAllBytes(c.file());
            for (int n = 0; n <= full.length; n += Math.max(1, full.length / 400)) {
                parseOrIngestException(c.connector(), Arrays.copyOf(full, n), c.file() + " cut at " + n);
            }
        }
    }

    @Test
    void randomByteFlipsParseOrFailCleanly() throws Exception {
        Random random = new Random(20261123L);
        for (Case c : cases()) {
            byte[] full = Files.readAllBytes(c.file());
            for (int round = 0; round < 200; round++) {
                byte[] body = full.clone();
                for (int k = 0; k < 1 + random.nextInt(8); k++) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                }
                parseOrIngestException(c.connector(), body, c.file() + " round " + round);
            }
        }
    }

    @Test
    void hostileShapesFailCleanly() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String longNumber = "[{\"paper\":{\"id\":\"2601.00001\",\"title\":\"t\",\"upvotes\":" + "9".repeat(2000) + "}}]";
        String wrongTypes = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":[1],\"home_page_url\":{},"
                + "\"items\":[{\"id\":{},\"url\":[],\"title\":{\"a\":1},\"authors\":\"x\",\"tags\":\"t\","
                + "\"attachments\":{\"url\":5},\"date_published\":true}]}";
        String hfWrongTypes = "[{\"paper\":{\"id\":\"2601.00001\",\"title\":\"t\",\"authors\":{\"name\":\"x\"},"
                + "\"ai_keywords\":\"k\",\"githubRepo\":42,\"organization\":[1],\"upvotes\":-5}}]";
        String ldHostile = "<title>t</title><script type=\"application/ld+json\">" + "[".repeat(3000)
                + "</script><script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":{\"@id\":5},"
                + "\"datePublished\":{},\"keywords\":7}</script>";
        for (Connector c : List.of(new HfDailyParser(), new JsonFeedParser(), new PageMetaParser())) {
            for (String s : List.of(deep, longNumber, wrongTypes, hfWrongTypes, ldHostile)) {
                parseOrIngestException(c, s.getBytes(StandardCharsets.UTF_8), c.getClass().getSimpleName() + ": "
                        + s.substring(0, Math.min(40, s.length())));
            }
        }
    }
}
