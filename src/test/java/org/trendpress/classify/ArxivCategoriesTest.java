package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.trendpress.ingest.Connectors;
import org.trendpress.ingest.Item;
import org.trendpress.testing.SharedData;

class ArxivCategoriesTest {

    @Test
    void specificCategoriesWinOverGenericOnes() {
        assertThat(ArxivCategories.topics(List.of("cs.LG", "cs.CV"))).containsExactly(Topic.VISION);
        assertThat(ArxivCategories.topics(List.of("cs.LG", "stat.ML"))).containsExactly(Topic.CORE_ML);
        assertThat(ArxivCategories.topics(List.of("cs.CL", "cs.SD"))).containsExactlyInAnyOrder(Topic.LANGUAGE, Topic.SPEECH_AUDIO);
        assertThat(ArxivCategories.topics(List.of("q-bio.QM"))).containsExactly(Topic.SCIENCE_HEALTH);
        assertThat(ArxivCategories.topics(List.of("cs.SE"))).isEmpty();
        assertThat(ArxivCategories.topics(List.of("I.2.6"))).isEmpty();
    }

    @Test
    void everyCategoryInTheArxivCapturesHasARow() throws IOException {
        Path dir = SharedData.require("arxiv");
        Connectors connectors = new Connectors();
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                try {
                    for (Item i : connectors.parseAny("t", Files.readAllBytes(p), null).items()) {
                        seen.addAll(i.details().categories());
                    }
                } catch (RuntimeException e) {
                    // error responses (HTTP 400 body) carry no items
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(20);
        assertThat(seen.stream().filter(c -> !ArxivCategories.known(c)).toList()).isEmpty();
        // the AI categories themselves all give a topic
        for (String c : List.of("cs.LG", "cs.CV", "cs.AI", "cs.CL", "cs.RO", "cs.IR", "stat.ML", "cs.CR", "cs.CY")) {
            assertThat(ArxivCategories.topic(c)).as(c).isPresent();
        }
    }
}
