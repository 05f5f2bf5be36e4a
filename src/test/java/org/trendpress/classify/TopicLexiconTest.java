package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * The classifier finds the terms by the tokens' vocabulary slots ({@link TopicLexicon.Roots});
     * {@link Features#of} (training, the reference) by the words. Every term of the table, alone,
     * in its plural, twice, inside other words and beside its neighbours, gives the same lexicon
     * features both ways.
     */
    @Test
    void termsFoundByVocabularySlotAreTheTermsFoundByWord() {
        Classifier classifier = Classifier.bundled();
        FeatureIndex index = new FeatureIndex(classifier.kind, classifier.topic);
        List<String> terms = new ArrayList<>();
        TopicLexicon.TABLE.values().forEach(t -> terms.addAll(List.of(t)));
        int withLexicon = 0;
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i).toLowerCase(Locale.ROOT);
            String next = terms.get((i + 1) % terms.size());
            String[] texts = {term, term + "s", "a study of " + term + " and " + next,
                    "unlike" + term.replace(' ', '-') + " or " + term.split(" ")[0] + " alone, " + term + " " + term};
            for (String title : texts) {
                for (String summary : new String[] {"", texts[2], texts[3]}) {
                    ItemFeatures f = new ItemFeatures(title, summary, null, null, List.of(), 0, "mixed", List.of());
                    Set<String> byWord = lexicon(Features.of(f).keySet());
                    assertThat(lexicon(index.resolve(f).names())).as("%s | %s", title, summary).isEqualTo(byWord);
                    withLexicon += byWord.isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(withLexicon).isGreaterThan(terms.size() * 9);
    }

    @Test
    void aVocabularyWithoutTheLexiconsWordsIsRefused() {
        Features.Vocabulary words = new Features.Vocabulary(List.of("model", "data"));
        assertThatThrownBy(() -> TopicLexicon.roots(words)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks the lexicon word");
    }

    private static Set<String> lexicon(java.util.Collection<String> features) {
        Set<String> out = new TreeSet<>();
        for (String f : features) {
            if (Features.lexicon(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
