package org.trendpress.classify;

import java.util.HashMap;
import java.util.Map;

/**
 * Both models' weights per feature, for classifying at run time: an item's features are found
 * once and each is looked up once for the two models together, by its words, without building
 * its name when a model knows it ({@code w:}, {@code t:}, {@code t0:} and {@code b:} features
 * are indexed by word, the rest by name).
 *
 * <p>The result must equal what {@link LinearModel#probabilities} and {@link LinearModel#evidence}
 * give on {@link Features#of} to the last bit, and a sum of doubles depends on its order. So
 * {@link #resolve} fills a {@code HashMap} exactly as {@link Features#of} fills its own (same
 * capacity, same names, same order of puts, through {@link Features#extract}): its entries
 * iterate in the same order. A name no model knows is still put, as it counts towards the text
 * features' weight and takes its place in the table, but as an {@link Unknown} key rather than a
 * built string: with the same hash code as the name and equal to the same names, it makes the same
 * table (a map's order depends only on its keys' hash codes and the order of puts).
 */
final class FeatureIndex {

    /** One feature with its weights in the kind and the topic model (null where a model lacks it). */
    static final class Row {
        final String feature;
        /** A text feature (weighs {@link Resolved#scale}) rather than a structure or lexicon one (weighs 1). */
        final boolean text;
        float[] kind;
        float[] topic;

        Row(String feature, boolean text) {
            this.feature = feature;
            this.text = text;
        }
    }

    /** A feature neither model knows. */
    static final Row NONE = new Row("", false);

    /**
     * The features of one word: as a word, title word, first title word, and bigrams with a next
     * word (by that word's own {@code Word}: a bigram is looked up right after its second word).
     */
    private static final class Word {
        Row w;
        Row t;
        Row t0;
        Map<Word, Row> bigrams;
    }

    private final Map<String, Word> words = new HashMap<>();
    private final Map<String, Row> named = new HashMap<>();

    FeatureIndex(LinearModel kind, LinearModel topic) {
        kind.weights.forEach((feature, w) -> row(feature).kind = w);
        topic.weights.forEach((feature, w) -> row(feature).topic = w);
    }

    private Row row(String feature) {
        if (feature.startsWith("w:")) {
            Word w = word(feature.substring(2));
            return w.w != null ? w.w : (w.w = new Row(feature, true));
        }
        if (feature.startsWith("t:")) {
            Word w = word(feature.substring(2));
            return w.t != null ? w.t : (w.t = new Row(feature, true));
        }
        if (feature.startsWith("t0:")) {
            Word w = word(feature.substring(3));
            return w.t0 != null ? w.t0 : (w.t0 = new Row(feature, true));
        }
        int split = feature.indexOf('_');
        // words never hold '_' (Features.tokens), so "b:" + first + "_" + second splits at its only '_'
        if (feature.startsWith("b:") && split > 0 && feature.indexOf('_', split + 1) < 0) {
            Word first = word(feature.substring(2, split));
            Word second = word(feature.substring(split + 1));
            if (first.bigrams == null) {
                first.bigrams = new HashMap<>(4);
            }
            return first.bigrams.computeIfAbsent(second, s -> new Row(feature, true));
        }
        // structure and lexicon features; also names Features never builds, which stay unused
        return named.computeIfAbsent(feature, f -> new Row(f, false));
    }

    private Word word(String w) {
        return words.computeIfAbsent(w, k -> new Word());
    }

    /** The features of an item, each with its row of weights, in {@link Features#of}'s order. */
    Resolved resolve(ItemFeatures f) {
        Resolved r = new Resolved();
        Features.extract(f, r);
        return r;
    }

    /** An item's features: {@link #features} iterates in the order of {@link Features#of}'s map. */
    final class Resolved extends Features.Sink {
        /**
         * Feature name to its row: the name as a {@code String} for a feature a model knows, else
         * (with {@link #NONE}) the name or an {@link Unknown} standing for it.
         */
        HashMap<Object, Row> features;
        /** The weight of a text feature; other features weigh 1. */
        double scale;
        // the last two words looked up: a word's bigram follows its own "w:" feature
        private String lastWord;
        private Word last;
        private String prevWord;
        private Word prev;

        /** The weight of a feature with this row. */
        double value(Row r) {
            return r.text ? scale : 1.0;
        }

        @Override
        void start(int capacity) {
            features = new HashMap<>(capacity);
        }

        @Override
        void word(String prefix, String word) {
            Word w = find(word);
            Row r = w == null ? null : switch (prefix) {
                case "w:" -> w.w;
                case "t:" -> w.t;
                case "t0:" -> w.t0;
                default -> throw new IllegalArgumentException("not a word feature prefix: " + prefix);
            };
            add(r, r == null ? new Unknown(prefix, word, null) : null);
        }

        @Override
        void bigram(String first, String second) {
            Word a = find(first);
            Word b = find(second);
            Row r = a == null || b == null || a.bigrams == null ? null : a.bigrams.get(b);
            add(r, r == null ? new Unknown("b:", first, second) : null);
        }

        @Override
        void put(String feature) {
            add(named.get(feature), feature);
        }

        private void add(Row r, Object unknown) {
            if (r == null) {
                features.put(unknown, NONE);
            } else {
                features.put(r.feature, r);
            }
        }

        @Override
        void endText() {
            int text = features.size();
            scale = text == 0 ? 0 : 3.0 / Math.sqrt(text);
        }

        private Word find(String word) {
            if (word == lastWord) {
                return last;
            }
            if (word == prevWord) {
                return prev;
            }
            Word w = words.get(word);
            prevWord = lastWord;
            prev = last;
            lastWord = word;
            last = w;
            return w;
        }
    }

    /**
     * The name of a word or bigram feature no model knows ({@code prefix + first}, or
     * {@code "b:" + first + "_" + second}), not built: its hash code is the name's, worked out from
     * the words' own hash codes, and it equals an {@code Unknown} of the same name (never a
     * {@code String}: a name a model knows is put as its own string). Its {@link #toString} is the name.
     */
    static final class Unknown {
        private static final int[] POW31 = new int[128];

        static {
            POW31[0] = 1;
            for (int i = 1; i < POW31.length; i++) {
                POW31[i] = POW31[i - 1] * 31;
            }
        }

        private final String prefix;
        private final String first;
        private final String second;
        private final int hash;

        Unknown(String prefix, String first, String second) {
            this.prefix = prefix;
            this.first = first;
            this.second = second;
            // String.hashCode of a concatenation: h(a + b) = h(a) * 31^length(b) + h(b)
            int h = prefix.hashCode() * pow31(first.length()) + first.hashCode();
            if (second != null) {
                h = (h * 31 + '_') * pow31(second.length()) + second.hashCode();
            }
            this.hash = h;
        }

        private static int pow31(int n) {
            if (n < POW31.length) {
                return POW31[n];
            }
            int p = POW31[POW31.length - 1];
            for (int i = POW31.length - 1; i < n; i++) {
                p *= 31;
            }
            return p;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            return o instanceof Unknown u && hash == u.hash && prefix.equals(u.prefix) && first.equals(u.first)
                    && java.util.Objects.equals(second, u.second);
        }

        @Override
        public String toString() {
            return second == null ? prefix + first : prefix + first + "_" + second;
        }
    }
}
