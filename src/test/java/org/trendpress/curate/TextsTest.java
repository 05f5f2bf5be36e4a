package org.trendpress.curate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void recognisesPapersThatIntroduceADatasetOrBenchmark() {
        assertThat(Texts.introducesDataset("We introduce MeridianQA, a new dataset of 40k questions")).isTrue();
        assertThat(Texts.introducesDataset("AgentGauntlet: a benchmark for tool-using agents")).isTrue();
        assertThat(Texts.introducesDataset("We train on an existing dataset and report results")).isFalse();
    }

    @Test
    void splitsArxivAbstractsIntoSentences() {
        String abs = "arXiv:2610.04101v1 Announce Type: new \nAbstract: First sentence here. Second one. Third.";
        assertThat(Texts.firstSentences(abs, 1)).isEqualTo("First sentence here.");
        assertThat(Texts.afterFirstSentences(abs, 1)).isEqualTo("Second one. Third.");
        assertThat(Texts.firstSentences(null, 1)).isNull();
    }

    @Test
    void cleanDropsControlCharactersAndNormalisesLineEnds() {
        assertThat(Texts.clean(" a\r\nb\u0000c\u0007 ", 100)).isEqualTo("a\nbc");
        assertThat(Texts.clean("   ", 100)).isNull();
    }
}
