package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Near-identical titles: normalisation, the generic-title guard, numbers and fingerprints. */
class MergeTitleTest {

    @Test
    void normalisesCaseDashesQuotesAccentsAndWhitespace() {
        assertThat(TitleMatch.key("  \u201cDéjà Vu\u201d \u2014 Long\u2011Context   Models\u2019 Recall ")).isEqualTo("deja vu long context models recall");
        assertThat(TitleMatch.key("ＧＰＴ－５ (Technical Report)")).isEqualTo("gpt 5 technical report");
    }

    @Test
    void theSameTitleWrittenDifferentlyMatches() {
        assertThat(TitleMatch.same("SAM 3: Segment Anything in Images and Videos",
                "Introducing SAM 3 \u2014 segment anything in images & videos")).isTrue();
        assertThat(TitleMatch.same("Efficient Pre-Training of Sparse Mixture-of-Experts Language Models",
                "Efficient Pretraining of Sparse Mixture of Experts Language Models")).isTrue();
    }

    @Test
    void shortGenericTitlesAndDifferentNumbersNeverMatch() {
        assertThat(TitleMatch.same("Introducing Gemini", "Introducing Gemma")).isFalse();
        assertThat(TitleMatch.same("Introducing Gemini", "Introducing Gemini")).isFalse();
        assertThat(TitleMatch.same("Llama 3.1: Open Foundation Models at Scale",
                "Llama 3.2: Open Foundation Models at Scale")).isFalse();
        assertThat(TitleMatch.same("Scaling Laws for Neural Language Models",
                "Scaling Laws for Neural Language Models of Code")).isFalse();
        assertThat(TitleMatch.lookupTokens("Introducing Gemini", 4)).isEmpty();
    }

    @Test
    void looksTitlesUpByTheirLongestWords() {
        assertThat(TitleMatch.lookupTokens("SAM 3: Segment Anything in Images and Videos", 2))
                .containsExactly("anything", "segment");
    }
}
