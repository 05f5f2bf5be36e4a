package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLexiconTest {

    private static Map<String, Double> of(String title, String summary) {
        return Features.of(new ItemFeatures(title, summary, null, null, List.of(), 0, "mixed", List.of()));
    }

    @Test
    void domainWordsOfTheTitleAndSummaryBecomeTopicFeatures() {
        Map<String, Double> x = of("Streaming speech recognition for low-resource languages",
                "An ASR model with a small acoustic encoder; word error rate drops on spoken corpora.");
        assertThat(x).containsKeys("x:speech-audio", "xt:speech-audio", "x2:speech-audio");
        assertThat(x).doesNotContainKey("x:graph-ml");
        Map<String, Double> recsys = of("Ranking items for a recommender", "We study click-through data.");
        assertThat(recsys).containsKeys("x:recsys-ir", "xt:recsys-ir", "x2:recsys-ir");
    }

    @Test
    void multiWordTermsMatchAcrossHyphensAndPluralsMatchTheirSingular() {
        assertThat(of("A text-to-speech vocoder", "")).containsKey("xt:speech-audio");
        assertThat(of("Graph neural networks for molecules", "")).containsKeys("xt:graph-ml", "xt:science-health");
        assertThat(of("Attacks on language models", "")).containsKeys("xt:safety-security", "xt:language");
    }

    @Test
    void aTermCountsOnceHoweverOftenItRecurs() {
        Map<String, Double> x = of("Robot robot robot", "robot robot");
        assertThat(x).containsKeys("x:rl-robotics", "xt:rl-robotics").doesNotContainKey("x2:rl-robotics");
    }

    @Test
    void theKindModelNeverSeesLexiconFeatures() {
        Map<String, Double> x = Features.forKind(of("Speech recognition", "audio"));
        assertThat(x.keySet()).noneMatch(Features::lexicon).contains("t:speech");
        assertThat(Features.describe("xt:speech-audio")).isEqualTo("title names speech-audio terms");
    }
}
