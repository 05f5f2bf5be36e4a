package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void crossValidationEvaluatesEveryArxivItemOnceAndSaysItIsNotTheTarget() {
        List<LabeledExample> arxiv = Fixtures.examples().stream().filter(e -> e.topics() != null)
                .map(e -> new LabeledExample(e.id(), "arxiv-api", e.features(), e.kind(), e.topics())).toList();
        List<LabeledExample> all = new java.util.ArrayList<>(arxiv);
        all.addAll(Fixtures.examples().stream().filter(e -> e.topics() == null).toList());
        StringWriter text = new StringWriter();
        double macro = Evaluation.topicCrossValidation(all, new PrintWriter(text, true));
        assertThat(text.toString()).contains("items: " + arxiv.size()).contains("not the target figure");
        assertThat(macro).isBetween(0.0, 1.0);
    }

    @Test
    void macroF1LeavesOutTopicsWithoutSupport() {
        int[][] counts = new int[Topic.values().length][3];
        Evaluation.count(Set.of(Topic.VISION), Set.of(Topic.VISION), counts);
        Evaluation.count(Set.of(Topic.VISION), Set.of(Topic.LANGUAGE), counts);
        // vision: tp 1, fp 1 -> F1 2/3; language: fn 1 -> F1 0; the other nine topics have no support
        assertThat(Evaluation.macroF1(counts, 1)).isEqualTo((2.0 / 3) / 2);
    }
}
