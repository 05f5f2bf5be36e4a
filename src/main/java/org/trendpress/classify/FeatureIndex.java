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
 * {@link #resolve} takes the features in the same order of puts as {@link Features#of} (through
 * {@link Features#extract}) and hands the known ones back in the order that method's
 * {@code HashMap} iterates them, worked out from the names' hash codes, the map's capacity and
 * the number of distinct features ({@link Resolved}). A name no model knows still counts: towards
 * the text features' weight and the map's size. It is kept as its parts (an {@link Unknown} when
 * a map has to be built), never as a built string.
 */
final class FeatureIndex {

    /** One feature with its weights in the kind and the topic model (null where a model lacks it). */
    static final class Row {
        final String feature;
        /** {@code feature.hashCode()}, kept here: the row is at hand when the name's string is not. */
        final int hash;
        /** A text feature (weighs {@link Resolved#scale}) rather than a structure or lexicon one (weighs 1). */
        final boolean text;
        float[] kind;
        float[] topic;

        Row(String feature, boolean text) {
            this.feature = feature;
            this.hash = feature.hashCode();
            this.text = text;
        }
    }

    /** A feature neither model knows. */
    static final Row NONE = new Row("", false);

    /**
     * The features of one word: as a word, title word and first title word (found by the word's
     * slot in {@link #vocabulary}, which tokens carry); bigrams are found by both words' slots.
     */
    private static final class Word {
        Row w;
        Row t;
        Row t0;
        /** While the index is built: the bigrams this word starts, by their second word. */
        Map<Word, Row> bigrams;
        /** The word's slot in {@link #vocabulary}. */
        int slot;
        /** Whether a model knows a bigram this word starts (most words start none: no look-up then). */
        boolean startsBigram;
    }

    private final Map<String, Word> words = new HashMap<>();
    private final Map<String, Row> named = new HashMap<>();

    /** The models' words and the lexicon's, so that an item's tokens are these very instances. */
    private final Features.Vocabulary vocabulary;
    /** The lexicon's first words by their slot in {@link #vocabulary}. */
    private final TopicLexicon.Roots lexiconRoots;
    /** The models' words by their slot in {@link #vocabulary} (null where a slot holds a lexicon-only word or none). */
    private final Word[] bySlot;
    /**
     * The bigrams a model knows, by their words' slots ({@code first << 32 | second}): open
     * addressing, -1 where empty (slots are never negative).
     */
    private final long[] bigramKeys;
    private final Row[] bigramRows;

    FeatureIndex(LinearModel kind, LinearModel topic) {
        kind.weights.forEach((feature, w) -> row(feature).kind = w);
        topic.weights.forEach((feature, w) -> row(feature).topic = w);
        java.util.Set<String> known = new java.util.HashSet<>(words.keySet());
        known.addAll(TopicLexicon.words());
        vocabulary = new Features.Vocabulary(known);
        lexiconRoots = TopicLexicon.roots(vocabulary);
        bySlot = new Word[vocabulary.slots()];
        int bigrams = 0;
        for (Map.Entry<String, Word> e : words.entrySet()) {
            Word w = e.getValue();
            w.slot = vocabulary.slotOf(e.getKey());
            bySlot[w.slot] = w;
            bigrams += w.bigrams == null ? 0 : w.bigrams.size();
            w.startsBigram = w.bigrams != null && !w.bigrams.isEmpty();
        }
        int size = Integer.highestOneBit(Math.max(4, bigrams * 2 - 1)) << 1;
        bigramKeys = new long[size];
        java.util.Arrays.fill(bigramKeys, -1L);
        bigramRows = new Row[size];
        for (Word first : words.values()) {
            if (first.bigrams != null) {
                for (Map.Entry<Word, Row> b : first.bigrams.entrySet()) {
                    long key = bigramKey(first.slot, b.getKey().slot);
                    int i = bigramStart(key);
                    while (bigramKeys[i] != -1L) {
                        i = (i + 1) & (bigramKeys.length - 1);
                    }
                    bigramKeys[i] = key;
                    bigramRows[i] = b.getValue();
                }
                first.bigrams = null;
            }
        }
    }

    private static long bigramKey(int first, int second) {
        return (long) first << 32 | second;
    }

    private int bigramStart(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & (bigramKeys.length - 1);
    }

    /** The row of the bigram of the words at these slots, or null when no model knows it. */
    private Row bigram(int first, int second) {
        long key = bigramKey(first, second);
        for (int i = bigramStart(key); ; i = (i + 1) & (bigramKeys.length - 1)) {
            long k = bigramKeys[i];
            if (k == key) {
                return bigramRows[i];
            }
            if (k == -1L) {
                return null;
            }
        }
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

    /** Each thread's {@link Resolved}, used again for its next item (its arrays grow to the largest item's). */
    private final ThreadLocal<Resolved> perThread = ThreadLocal.withInitial(Resolved::new);

    /**
     * The features of an item, each with its row of weights, in {@link Features#of}'s order. The
     * result is this thread's own and holds until the thread resolves its next item.
     */
    Resolved resolve(ItemFeatures f) {
        Resolved r = perThread.get();
        r.reset();
        Features.extract(f, r);
        return r;
    }

    /**
     * An item's distinct features, and the ones a model knows in the order {@link Features#of}'s map
     * iterates them ({@link #known}).
     *
     * <p>That order is a {@code HashMap}'s: by bucket ({@code spread(hash) & (table length - 1)}),
     * then, within a bucket, by insertion (a bucket's chain keeps the order keys came in, and a
     * resize splits chains without reordering them). The final table length follows from the
     * capacity {@link #start} gives and the number of distinct features. So the features are kept
     * in an open-addressing set of their own (no map entries, no key objects for the many features
     * no model knows), and the known ones are sorted by (bucket, insertion) at the end. A bucket
     * that held 8 or more keys could have been turned into a tree, whose order differs: then the
     * map is built as {@link Features#of} builds it and iterated ({@link #treeSafe}).
     */
    final class Resolved extends Features.Sink {
        private static final int PREFIX_W = Features.Sink.W;
        private static final int PREFIX_T = Features.Sink.T;
        private static final int PREFIX_T0 = Features.Sink.T0;
        private static final int BIGRAM = 3;
        /** An entry keyed by a name: a known feature's (row), or a name no model knows. */
        private static final int NAMED = 4;
        private static final String[] PREFIXES = {"w:", "t:", "t0:", "b:"};
        private static final int[] PREFIX_HASHES = java.util.Arrays.stream(PREFIXES).mapToInt(String::hashCode).toArray();
        /** Set slots past which the tables are dropped after an item (a summary is read up to 2,000 characters). */
        private static final int BIG = 1 << 14;

        /** The weight of a text feature; other features weigh 1. */
        double scale;
        private int capacity;
        // the distinct features, in insertion order
        private int count;
        private int[] hashes = new int[64];
        private byte[] kinds = new byte[64];
        private Row[] rows = new Row[64];
        private String[] firsts = new String[64];
        private String[] seconds = new String[64];
        // open addressing over the entries above: index + 1, 0 when empty
        private int[] slots = new int[128];
        private Row[] known = new Row[64];
        /** How many of {@link #known} are this item's; -1 until {@link #known} worked them out. */
        private int knownCount = -1;
        private long[] order = new long[64];
        private int[] buckets = new int[64];
        /** For tests: whether {@link #known} had to build the map. */
        boolean mapBuilt;

        @Override
        Features.Vocabulary vocabulary() {
            return vocabulary;
        }

        @Override
        TopicLexicon.Roots lexiconRoots() {
            return lexiconRoots;
        }

        private void reset() {
            if (slots.length > BIG || buckets.length > 4 * BIG) {
                // one huge item does not make every later one clear (and keep) its tables
                slots = new int[128];
                buckets = new int[64];
                hashes = new int[64];
                kinds = new byte[64];
                rows = new Row[64];
                firsts = new String[64];
                seconds = new String[64];
                order = new long[64];
                known = new Row[64];
                count = 0;
            }
            java.util.Arrays.fill(slots, 0);
            java.util.Arrays.fill(rows, 0, count, null);
            java.util.Arrays.fill(firsts, 0, count, null);
            java.util.Arrays.fill(seconds, 0, count, null);
            count = 0;
            knownCount = -1;
            mapBuilt = false;
            scale = 0;
        }

        /** The weight of a feature with this row. */
        double value(Row r) {
            return r.text ? scale : 1.0;
        }

        /** How many distinct features the item has, known to a model or not. */
        int size() {
            return count;
        }

        @Override
        void start(int capacity) {
            this.capacity = capacity;
        }

        @Override
        void word(int prefix, String word, int id, int hash) {
            Word w = id < 0 ? null : bySlot[id];
            Row r = w == null ? null : prefix == PREFIX_W ? w.w : prefix == PREFIX_T ? w.t : w.t0;
            addWord(r, prefix, word, hash, null, 0);
        }

        @Override
        void bigram(String first, int firstId, int firstHash, String second, int secondId, int secondHash) {
            Word a = firstId < 0 || secondId < 0 ? null : bySlot[firstId];
            Row r = a == null || !a.startsBigram ? null : FeatureIndex.this.bigram(firstId, secondId);
            addWord(r, BIGRAM, first, firstHash, second, secondHash);
        }

        @Override
        void put(String feature) {
            Row r = named.get(feature);
            add(feature.hashCode(), NAMED, r == null ? NONE : r, feature, null);
        }

        /**
         * A word or bigram feature: by its name when a model knows it ({@code r}), else by its parts
         * ({@code firstHash} and {@code secondHash} their hash codes).
         */
        private void addWord(Row r, int code, String first, int firstHash, String second, int secondHash) {
            if (r != null) {
                add(r.hash, NAMED, r, r.feature, null);
            } else {
                add(Unknown.hash(PREFIX_HASHES[code], first.length(), firstHash, second == null ? -1 : second.length(),
                        secondHash), code, NONE, first, second);
            }
        }

        /**
         * Adds a feature unless the item has it already: one of {@code kind} {@link #NAMED} keyed by
         * its name ({@code first}), or a word or bigram no model knows keyed by its prefix code and
         * parts; {@code h} is the hash code of its name either way.
         */
        private void add(int h, int kind, Row r, String first, String second) {
            int mask = slots.length - 1;
            for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
                int e = slots[i] - 1;
                if (e < 0) {
                    slots[i] = append(h, kind, r, first, second) + 1;
                    return;
                }
                if (hashes[e] == h && kinds[e] == kind && firsts[e].equals(first)
                        && java.util.Objects.equals(seconds[e], second)) {
                    return;
                }
            }
        }

        private int append(int h, int kind, Row r, String first, String second) {
            if (count == hashes.length) {
                int n = count * 2;
                hashes = java.util.Arrays.copyOf(hashes, n);
                kinds = java.util.Arrays.copyOf(kinds, n);
                rows = java.util.Arrays.copyOf(rows, n);
                firsts = java.util.Arrays.copyOf(firsts, n);
                seconds = java.util.Arrays.copyOf(seconds, n);
            }
            int e = count++;
            hashes[e] = h;
            kinds[e] = (byte) kind;
            rows[e] = r;
            firsts[e] = first;
            seconds[e] = second;
            if (count * 2 > slots.length) {
                rehash();
            }
            return e;
        }

        private void rehash() {
            int[] bigger = new int[slots.length * 2];
            int mask = bigger.length - 1;
            for (int e = 0; e < count; e++) {
                int i = mix(hashes[e]) & mask;
                while (bigger[i] != 0) {
                    i = (i + 1) & mask;
                }
                bigger[i] = e + 1;
            }
            slots = bigger;
        }

        /** Spreads a hash code over the set's slots (Murmur3's finaliser: names' hash codes are not uniform). */
        private static int mix(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            return h;
        }

        @Override
        void endText() {
            int text = count;
            scale = text == 0 ? 0 : 3.0 / Math.sqrt(text);
        }

        /**
         * The features a model knows, in the order {@link Features#of}'s map iterates them: the
         * first {@link #knownCount} entries of the array returned (which is reused for the next item).
         */
        Row[] known() {
            if (knownCount >= 0) {
                return known;
            }
            int length = tableSizeFor(capacity);
            if (!treeSafe(length)) {
                Row[] fromMap = knownFromMap();
                known = fromMap;
                knownCount = fromMap.length;
                return known;
            }
            while (count > length / 4 * 3) {
                length <<= 1;
            }
            int mask = length - 1;
            if (order.length < count) {
                order = new long[Math.max(count, order.length * 2)];
            }
            int n = 0;
            for (int e = 0; e < count; e++) {
                if (rows[e] != NONE) {
                    int h = hashes[e];
                    order[n++] = ((long) ((h ^ (h >>> 16)) & mask) << 32) | e;
                }
            }
            java.util.Arrays.sort(order, 0, n);
            if (known.length < n) {
                known = new Row[Math.max(n, known.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                known[i] = rows[(int) order[i]];
            }
            knownCount = n;
            return known;
        }

        /** How many of {@link #known}'s entries are this item's. */
        int knownCount() {
            known();
            return knownCount;
        }

        /**
         * Whether no bucket of the map ever held 8 keys: at its first table length every key shares a
         * bucket with at least the keys it shares one with later, so counting there is enough.
         */
        private boolean treeSafe(int length) {
            if (count < 8) {
                return true;
            }
            if (buckets.length < length) {
                buckets = new int[length];
            }
            int mask = length - 1;
            boolean safe = true;
            for (int e = 0; e < count && safe; e++) {
                int h = hashes[e];
                safe = ++buckets[(h ^ (h >>> 16)) & mask] < 8;
            }
            for (int e = 0; e < count; e++) { // leave the counts at zero for the next item
                int h = hashes[e];
                buckets[(h ^ (h >>> 16)) & mask] = 0;
            }
            return safe;
        }

        /**
         * The known features in the order of the map itself, built as {@link Features#of} builds its
         * own: the same capacity, puts and {@code String} keys (a tree bin orders keys of equal hash
         * codes by {@code compareTo}, which only the names themselves give).
         */
        private Row[] knownFromMap() {
            java.util.HashMap<String, Row> map = new java.util.HashMap<>(capacity);
            for (int e = 0; e < count; e++) {
                map.put(kinds[e] == NAMED ? firsts[e] : new Unknown(PREFIXES[kinds[e]], firsts[e], seconds[e]).toString(),
                        rows[e]);
            }
            mapBuilt = true;
            return map.values().stream().filter(r -> r != NONE).toArray(Row[]::new);
        }

        /** For tests: the distinct features' names, in insertion order. */
        java.util.List<String> names() {
            java.util.List<String> out = new java.util.ArrayList<>(count);
            for (int e = 0; e < count; e++) {
                out.add(kinds[e] == NAMED ? firsts[e] : new Unknown(PREFIXES[kinds[e]], firsts[e], seconds[e]).toString());
            }
            return out;
        }

    }

    /** {@code HashMap}'s table length for an initial capacity: the next power of two (at least 1). */
    static int tableSizeFor(int capacity) {
        int n = -1 >>> Integer.numberOfLeadingZeros(Math.max(1, capacity) - 1);
        return n < 0 ? 1 : n + 1;
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
            this.hash = hash(prefix, first, second);
        }

        /** The hash code of the name, from its parts' own hash codes. */
        static int hash(String prefix, String first, String second) {
            return second == null ? hash(prefix.hashCode(), first.length(), first.hashCode(), -1, 0)
                    : hash(prefix.hashCode(), first.length(), first.hashCode(), second.length(), second.hashCode());
        }

        /**
         * {@link #hash(String, String, String)} from the parts' hash codes and lengths
         * ({@code secondLength} -1 when there is no second part).
         */
        static int hash(int prefixHash, int firstLength, int firstHash, int secondLength, int secondHash) {
            // String.hashCode of a concatenation: h(a + b) = h(a) * 31^length(b) + h(b)
            int h = prefixHash * pow31(firstLength) + firstHash;
            if (secondLength >= 0) {
                h = (h * 31 + '_') * pow31(secondLength) + secondHash;
            }
            return h;
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
