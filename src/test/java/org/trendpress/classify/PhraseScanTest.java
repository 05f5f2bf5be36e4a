package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.trendpress.testing.SharedData;

/** {@link PhraseScan} answers exactly as one {@code contains} per phrase (the method it replaced). */
class PhraseScanTest {

    private static final PhraseScan SCAN = new PhraseScan(Features.PHRASES);

    @Test
    void findsEachPhraseAsContainsDoes() {
        assertThat(SCAN.find("")).isZero();
        assertThat(names(SCAN.find("we propose a benchmark"))).containsExactly("we propose", "benchmark");
        // one phrase inside another, and a phrase inside a longer word
        assertThat(names(SCAN.find("in this paper, microbenchmarks and datasets are theoretically state-of-the-art")))
                .containsExactly("in this paper", "state-of-the-art", "benchmark", "dataset", "theoretical", "this paper");
        // a near miss restarts at the right place: "we we propose", "stat state of the art"
        assertThat(names(SCAN.find("we we propose; stat state of the art"))).containsExactly("we propose", "state of the art");
        // any other character breaks a phrase
        assertThat(SCAN.find("we\u00a0propose we\tpropose bench\u00admark data\u200bset")).isZero();
        // across the join of title and summary
        assertThat(names(SCAN.find("results of a study: we", ' ', "propose things"))).containsExactly("we propose");
        assertThat(names(SCAN.find("this", ' ', "paper"))).containsExactly("this paper");
    }

    @Test
    void agreesWithContainsOnGeneratedText() {
        Random r = new Random(7);
        String[] bits = {"we", "propose", "in", "this", "paper", "work", "state", "of", "the", "art", "-", " ", "our",
            "method", "approach", "experiment", "s", "al", "results", "show", "bench", "mark", "data", "set", "theor",
            "etical", "study", "present", "introduce", "demonstrate", "extensive", "outperform", "é", "\u4e2d", ",", "that"};
        for (int n = 0; n < 20_000; n++) {
            String a = text(r, bits, r.nextInt(8));
            String b = text(r, bits, r.nextInt(40));
            assertThat(SCAN.find(a, ' ', b)).as("[%s] [%s]", a, b).isEqualTo(naive(a + " " + b));
            assertThat(SCAN.find(b)).as(b).isEqualTo(naive(b));
        }
    }

    @Test
    void agreesWithContainsOnTheCapturedSummaries() {
        List<LabeledExample> corpus = SharedCorpus.load(SharedData.require("labeled").getParent());
        assertThat(corpus).hasSizeGreaterThan(1_000);
        int withPhrase = 0;
        for (LabeledExample e : corpus) {
            String title = e.features().title().toLowerCase(Locale.ROOT);
            String summary = e.features().summary().toLowerCase(Locale.ROOT);
            int mask = SCAN.find(title, ' ', summary);
            assertThat(mask).as(e.id()).isEqualTo(naive(title + " " + summary));
            withPhrase += mask != 0 ? 1 : 0;
        }
        assertThat(withPhrase).isGreaterThan(100);
    }

    @Test
    void refusesPhrasesItCannotMatch() {
        assertThatThrownBy(() -> new PhraseScan("we propose", "state_of_the_art")).hasMessageContaining("state_of_the_art");
        assertThatThrownBy(() -> new PhraseScan("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new PhraseScan(new String[33])).hasMessageContaining("32");
    }

    private static int naive(String text) {
        int mask = 0;
        for (int k = 0; k < Features.PHRASES.length; k++) {
            if (text.contains(Features.PHRASES[k])) {
                mask |= 1 << k;
            }
        }
        return mask;
    }

    private static List<String> names(int mask) {
        List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < Features.PHRASES.length; k++) {
            if ((mask & 1 << k) != 0) {
                out.add(Features.PHRASES[k]);
            }
        }
        return out;
    }

    private static String text(Random r, String[] bits, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(bits[r.nextInt(bits.length)]);
            if (r.nextInt(3) == 0) {
                s.append(' ');
            }
        }
        return s.toString();
    }
}
