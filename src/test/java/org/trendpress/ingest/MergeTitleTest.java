package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(TitleMatch.lookupKeys("Introducing Gemini")).isEmpty();
    }

    @Test
    void nearIdenticalTitlesShareALookupKeyAndUnrelatedOnesDoNot() {
        List<String> a = TitleMatch.lookupKeys("Efficient Pre-training of Vision Transformers with Sparse Routing");
        assertThat(a).hasSize(TitleMatch.BANDS).doesNotHaveDuplicates();
        assertThat(TitleMatch.lookupKeys("Efficient Pre-training of Vision Transformers with Sparse Routing")).isEqualTo(a);
        assertThat(TitleMatch.lookupKeys("Efficient pretraining of vision transformers with sparse routing")).containsAnyElementsOf(a);
        assertThat(TitleMatch.lookupKeys("Efficient Pre-training of Vision Transformer with Sparse Routing")).containsAnyElementsOf(a);
        assertThat(TitleMatch.lookupKeys("Efficient Pre-training of Vision Transformers with Sparse Routing at Scale"))
                .containsAnyElementsOf(a);
        assertThat(TitleMatch.lookupKeys("Protein Folding Benchmarks for Molecular Dynamics Simulation"))
                .doesNotContainAnyElementsOf(a);
    }

    @Test
    void unrelatedTitlesFromOneSmallVocabularyRarelyCollide() {
        // 2,000 titles of 8 words drawn from 400: each word recurs in ~40 titles, as in a busy month
        java.util.Random r = new java.util.Random(7);
        String[] words = new String[400];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int c = 5 + r.nextInt(6); c > 0; c--) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            words[i] = w.toString();
        }
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        int collisions = 0;
        for (int t = 0; t < 2000; t++) {
            StringBuilder title = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                title.append(words[r.nextInt(words.length)]).append(' ');
            }
            java.util.Set<Integer> hit = new java.util.HashSet<>();
            for (String k : TitleMatch.lookupKeys(title.toString())) {
                Integer other = seen.putIfAbsent(k, t);
                if (other != null) {
                    hit.add(other);
                }
            }
            collisions += hit.size();
        }
        // about 2 million pairs, so one in ten thousand sharing a key would be 200
        assertThat(collisions).isLessThan(200);
    }
}
