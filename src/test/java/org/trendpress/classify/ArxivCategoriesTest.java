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
    void genericPapersAboutReinforcementLearningOrGraphsGetTheirTopic() {
        assertThat(ArxivCategories.topics(List.of("cs.LG"), "Offline reinforcement learning with small buffers", ""))
                .containsExactly(Topic.RL_ROBOTICS);
        assertThat(ArxivCategories.topics(List.of("cs.LG", "cs.AI"), "Faster value estimates",
                "We study reinforcement learning agents. Our reinforcement learning method halves the samples."))
                .containsExactly(Topic.RL_ROBOTICS);
        assertThat(ArxivCategories.topics(List.of("stat.ML"), "Graph neural networks that count cycles", ""))
                .containsExactly(Topic.GRAPH_ML);
        // one passing mention of RL is not enough, and a specific category is never overridden
        assertThat(ArxivCategories.topics(List.of("cs.LG"), "Sharper bounds for SGD", "Unlike reinforcement learning, ..."))
                .containsExactly(Topic.CORE_ML);
        assertThat(ArxivCategories.topics(List.of("cs.LG", "cs.CV"), "Reinforcement learning for image crops", ""))
                .containsExactly(Topic.VISION);
    }

    @Test
    void visionWithLanguageOrAMultimodalTitleIsMultimodal() {
        assertThat(ArxivCategories.topics(List.of("cs.CV", "cs.CL"), "Captioning charts", ""))
                .containsExactlyInAnyOrder(Topic.VISION, Topic.LANGUAGE, Topic.MULTIMODAL);
        assertThat(ArxivCategories.topics(List.of("cs.LG"), "A multimodal encoder for sensors", ""))
                .containsExactlyInAnyOrder(Topic.CORE_ML, Topic.MULTIMODAL);
        // no category on the table: no topic, whatever the title says
        assertThat(ArxivCategories.topics(List.of("cs.SE"), "A multimodal test generator", "")).isEmpty();
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
