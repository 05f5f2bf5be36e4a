package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trendpress.ingest.Item;
import org.trendpress.ingest.ItemDetails;

class ClassifierTest {

    private final Classifier classifier = Classifier.bundled();

    @Test
    void anArxivAbstractIsResearchWithAReason() {
        Classifier.Classification c = classifier.classify(new ItemFeatures(
                "Sparse attention for long-context language models",
                "We propose a sparse attention mechanism for transformers. In this paper we show that it matches dense"
                        + " attention on language modelling benchmarks and outperforms prior state-of-the-art methods"
                        + " while using a fraction of the memory. Extensive experiments on four datasets confirm this.",
                "2611.01234", null, List.of("https://arxiv.org/abs/2611.01234"), 5, "mixed", List.of()));
        assertThat(c.kind()).isEqualTo(Kind.RESEARCH);
        assertThat(c.confidence()).isGreaterThan(0.8);
        assertThat(c.reason()).matches("model [01]\\.\\d\\d: .*").contains("arXiv link", "'we propose'");
    }

    @Test
    void aFundingStoryIsNews() {
        Classifier.Classification c = classifier.classify(new ItemFeatures(
                "AI startup raises $500 million in new funding round led by venture investors",
                "The company said on Tuesday it would use the money to hire staff and expand its sales team,"
                        + " and its chief executive told reporters that revenue had tripled this year.",
                null, null, List.of("https://techcrunch.com/2026/11/03/startup-raises"), 1, "mixed", List.of()));
        assertThat(c.kind()).isEqualTo(Kind.NEWS);
        assertThat(c.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void arxivCategoriesGiveTopicsWithSourceArxiv() {
        List<Classifier.TopicScore> t = classifier.topics(new ItemFeatures("A title", "", "2611.00001", null, List.of(), 2,
                "research", List.of("cs.CV", "cs.LG")));
        assertThat(t).extracting(Classifier.TopicScore::topic).containsExactly(Topic.VISION);
        assertThat(t).allSatisfy(s -> assertThat(s.source()).isEqualTo("arxiv"));
    }

    @Test
    void withoutCategoriesTheModelGivesAtLeastOneTopic() {
        List<Classifier.TopicScore> t = classifier.topics(new ItemFeatures(
                "Semantic segmentation of medical images with convolutional networks",
                "We propose an image segmentation network for computer vision tasks on CT scans, with object detection"
                        + " heads and pixel-level masks.", null, null, List.of(), 3, "research", List.of()));
        assertThat(t).isNotEmpty();
        assertThat(t).allSatisfy(s -> assertThat(s.source()).isEqualTo("model"));
        assertThat(t).extracting(Classifier.TopicScore::topic).contains(Topic.VISION);
    }

    @Test
    void inspectColumnsAreKindConfidenceAndTopics() {
        Item item = new Item("arxiv", "g1", "https://arxiv.org/abs/2611.00009", "https://arxiv.org/abs/2611.00009",
                "Speech recognition with self-supervised encoders", "", "We propose a speech model.", List.of("A", "B"),
                "2611.00009", null, Instant.parse("2026-11-02T00:00:00Z"), List.of(),
                new ItemDetails("cs.SD", List.of("cs.SD", "eess.AS"), null, null, null, 1, "new", 0, 0, null, 0, null,
                        List.of(), null));
        String[] cols = classifier.forInspect(item, "research");
        assertThat(cols).hasSize(3);
        assertThat(cols[0]).isEqualTo("research");
        assertThat(Double.parseDouble(cols[1])).isBetween(0.0, 1.0);
        assertThat(cols[2]).isEqualTo("speech-audio");
    }

    @Test
    void exportedWeightsRoundTripThroughTheFileFormat() {
        Trainer.Models m = new Trainer().train(Fixtures.examples());
        Classifier c = Classifier.of(m.kind(), m.topic());
        for (LabeledExample e : Fixtures.examples()) {
            // the fixtures are trained on: each must come back with its own kind
            assertThat(c.classify(e.features()).kind()).as(e.features().title()).isEqualTo(e.kind());
        }
    }
}
