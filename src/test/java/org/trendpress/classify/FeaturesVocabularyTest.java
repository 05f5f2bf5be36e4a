package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Features#tokens(String, Features.Vocabulary)} gives the tokens {@link Features#tokens(String)}
 * gives, a known one as the vocabulary's own instance: the classifier then looks its words up
 * without copying or hashing them again, and every answer stays the same
 * ({@code ClassifierEqualityTest} checks those).
 */
class FeaturesVocabularyTest {

    @Test
    void sameTokensKnownOnesAsTheVocabularysInstances() {
        List<String> words = List.of("transformer", "scaling", "laws", "ab", "é", "naïve", "x1", "0123456789");
        Features.Vocabulary v = new Features.Vocabulary(words.stream().map(String::new).toList());
        assertThat(v.size()).isEqualTo(words.size());
        Random r = new Random(7);
        String[] pool = {"transformer", "transformers", "scaling", "laws", "law", "ab", "a", "é", "naïve", "naive",
            "x1", "0123456789", "unknown", "z", "thirtyonecharacterslongwordxxxxx"};
        for (int k = 0; k < 5_000; k++) {
            StringBuilder text = new StringBuilder();
            for (int n = r.nextInt(12); n > 0; n--) {
                text.append(pool[r.nextInt(pool.length)]).append(" ,.-:\n".charAt(r.nextInt(6)));
            }
            String s = text.toString();
            String[] plain = Features.tokens(s);
            String[] interned = Features.tokens(s, v);
            assertThat(interned).as(s).containsExactly(plain);
            int[] ids = new int[(s.length() + 1) / 3];
            assertThat(Features.tokens(s, v, ids)).as(s).containsExactly(plain);
            int[] ids2 = new int[ids.length];
            int[] hashes = new int[ids.length];
            assertThat(Features.tokens(s, v, ids2, hashes)).as(s).containsExactly(plain);
            assertThat(ids2).isEqualTo(ids);
            for (int i = 0; i < plain.length; i++) {
                // the hash the scan worked out is the token's own (the classifier keys unknown words by it)
                assertThat(hashes[i]).as("hash of %s", plain[i]).isEqualTo(plain[i].hashCode());
            }
            for (int i = 0; i < interned.length; i++) {
                String t = interned[i];
                String known = v.find(t, 0, t.length(), t.hashCode());
                if (known != null) {
                    assertThat(t).isSameAs(known);
                    assertThat(ids[i]).as("slot of %s", t).isEqualTo(v.slotOf(t)).isNotNegative();
                    assertThat(v.word(ids[i])).isSameAs(known);
                } else {
                    assertThat(words).doesNotContain(t);
                    assertThat(ids[i]).as("slot of %s", t).isEqualTo(-1);
                }
            }
        }
        assertThat(v.find("xx transformer", 3, 14, "transformer".hashCode())).isEqualTo("transformer");
        assertThat(v.find("transformers", 0, 12, "transformers".hashCode())).isNull();
        assertThat(v.slotOf("transformers")).isEqualTo(-1);
        // every word has its own slot, below slots()
        assertThat(words.stream().mapToInt(v::slotOf).distinct().filter(i -> i >= 0 && i < v.slots()).count())
                .isEqualTo(words.size());
    }
}
