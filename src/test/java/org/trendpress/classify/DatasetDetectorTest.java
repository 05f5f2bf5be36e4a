package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Positive and negative wordings, written for this test. */
class DatasetDetectorTest {

    @Test
    void papersThatIntroduceADatasetOrBenchmarkAreRecognised() {
        assertThat(DatasetDetector.detect("Tidepool: Evaluating Coastal Forecasters",
                "We introduce Tidepool, a benchmark of 1,200 storm-surge scenarios drawn from tide gauges."))
                .contains("introduces a benchmark");
        assertThat(DatasetDetector.detect("OrchardVQA", "This paper presents a new dataset of annotated fruit images."))
                .contains("introduces a dataset");
        assertThat(DatasetDetector.detect("KiteBench: How Well Do Agents Fly Drones?", "We study agents.")).isPresent();
        assertThat(DatasetDetector.detect("SWE-Bench Lite Revisited", null)).isPresent();
        assertThat(DatasetDetector.detect("A Benchmark for Multi-Step Spreadsheet Reasoning", "")).isPresent();
        assertThat(DatasetDetector.detect("Loomwork: A Large-Scale Corpus of Weaving Patterns", "")).contains("introduces a corpus");
        assertThat(DatasetDetector.detect("Legal Judgement Summaries", "We release a corpus of 48k court rulings in Welsh."))
                .isPresent();
        assertThat(DatasetDetector.detect("Polyglot Tables", "We curate and release PolyTab, a multilingual table "
                + "question-answering dataset covering 31 languages.")).isPresent();
        assertThat(DatasetDetector.detect("Sounding Lines", "Seabed sonar study.", "Accepted at the NeurIPS 2026 "
                + "Datasets and Benchmarks Track")).isPresent();
    }

    @Test
    void papersThatOnlyEvaluateOnBenchmarksAreNot() {
        assertThat(DatasetDetector.detect("Sparse Routing for Vision Transformers",
                "We propose a routing method that improves accuracy on three standard benchmarks.")).isEmpty();
        assertThat(DatasetDetector.detect("Faster Adapters",
                "We introduce a training technique and evaluate it across five datasets, outperforming baselines."))
                .isEmpty();
        assertThat(DatasetDetector.detect("The Effect of Dataset Size on Calibration", "We train on an existing dataset."))
                .isEmpty();
        assertThat(DatasetDetector.detect("Improving Dataset Distillation with Curvature", "We present a method.")).isEmpty();
        assertThat(DatasetDetector.detect("Benchmark results are noisy: a statistical view",
                "We show that leaderboard gaps are often within noise.")).isEmpty();
        assertThat(DatasetDetector.detect(null, null)).isEmpty();
    }

    @Test
    void theTldrIsTheSentenceThatIntroducesTheDataset() {
        String abs = "Forecasting storm surges is hard. We introduce Tidepool, a benchmark of 1,200 scenarios from tide "
                + "gauges on three coasts. Baselines fail on rare events.";
        assertThat(DatasetDetector.tldr("Tidepool", abs))
                .isEqualTo("We introduce Tidepool, a benchmark of 1,200 scenarios from tide gauges on three coasts.");
        assertThat(DatasetDetector.tldr("KiteBench", "Agents fly drones. They crash.")).isEqualTo("Agents fly drones.");
        assertThat(DatasetDetector.tldr("KiteBench", null)).isEqualTo("KiteBench");
        assertThat(DatasetDetector.tldr("X", "arXiv:2610.01234v1 Announce Type: new Abstract: We release a new dataset. Done."))
                .isEqualTo("We release a new dataset.");
        assertThat(DatasetDetector.tldr("X", "word ".repeat(200) + ".")).hasSizeLessThanOrEqualTo(301).endsWith("…");
    }
}
