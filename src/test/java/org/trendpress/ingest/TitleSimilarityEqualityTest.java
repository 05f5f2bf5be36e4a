package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TitleMatch#similarity(List, List)} works without sets or joined strings until its last
 * test; it must give, to the last bit, what the set-based algorithm it replaced gave (kept here as
 * the reference), on titles built to hit every rule: subsets, near-Jaccard, containment, numbers,
 * spelling variants, and lists with repeated tokens.
 */
class TitleSimilarityEqualityTest {

    /** The algorithm before the fast path, as it was. */
    private static double reference(List<String> sa, List<String> sb) {
        if (sa.size() < TitleMatch.MIN_SIGNIFICANT || sb.size() < TitleMatch.MIN_SIGNIFICANT) {
            return 0;
        }
        if (!TitleMatch.sameNumbers(sa, sb)) { // unchanged by the fast path
            return 0;
        }
        Set<String> union = new LinkedHashSet<>(sa);
        union.addAll(sb);
        long common = sa.stream().filter(sb::contains).count();
        double jaccard = (double) common / union.size();
        int smaller = Math.min(sa.size(), sb.size());
        boolean subset = common == smaller && sa.size() != sb.size();
        if (subset) {
            return jaccard >= TitleMatch.SUBSET_JACCARD ? jaccard : 0;
        }
        if (jaccard >= TitleMatch.JACCARD) {
            return jaccard;
        }
        double containment = (double) common / smaller;
        if (smaller >= 6 && containment >= 0.9 && jaccard >= 0.6) {
            return jaccard;
        }
        return TitleMatch.editSimilarityAtLeast(String.join("", sa), String.join("", sb), 0.92);
    }

    private static final String[] WORDS = {"scaling", "laws", "neural", "language", "models", "code", "vision",
        "transformer", "transformers", "pretraining", "pre", "training", "diffusion", "policy", "graph", "robust",
        "efficient", "attention", "sparse", "mixture", "experts", "3", "2", "70b", "agents", "reasoning", "benchmark"};

    private static List<String> title(Random r, boolean distinct) {
        int n = 2 + r.nextInt(11);
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String w = WORDS[r.nextInt(WORDS.length)];
            if (r.nextInt(8) == 0) {
                w = w + (char) ('a' + r.nextInt(26)); // a typo or a spelling variant
            }
            if (!distinct || !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Another title made from {@code a}: a word dropped, added, changed or swapped, or none. */
    private static List<String> variant(Random r, List<String> a) {
        List<String> b = new ArrayList<>(a);
        int edits = r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (b.size() > 1) {
                        b.remove(r.nextInt(b.size()));
                    }
                }
                case 1 -> b.add(r.nextInt(b.size() + 1), WORDS[r.nextInt(WORDS.length)]);
                case 2 -> b.set(r.nextInt(b.size()), b.get(r.nextInt(b.size())) + "s");
                default -> java.util.Collections.swap(b, r.nextInt(b.size()), r.nextInt(b.size()));
            }
        }
        return b;
    }

    @Test
    void sameAnswersAsTheSetBasedAlgorithm() {
        Random r = new Random(20261201);
        int matches = 0;
        for (int k = 0; k < 200_000; k++) {
            boolean distinct = k % 5 != 0; // significant() lists hold each token once; others may not
            List<String> a = title(r, distinct);
            List<String> b = k % 2 == 0 ? variant(r, a) : title(r, distinct);
            double expected = reference(a, b);
            assertThat(TitleMatch.similarity(a, b)).as("%s | %s", a, b).isEqualTo(expected);
            if (expected > 0) {
                matches++;
            }
        }
        assertThat(matches).as("pairs that match, so every rule was reached").isGreaterThan(10_000);
    }

    /**
     * {@link TitleMatch.Query} compares a stored title where it lies in the index's string (its
     * lines, each the tokens joined by spaces): the same answers as splitting it, on regions with
     * numbers, repeated tokens, doubled or edge spaces, empty lines and letters past Latin-1, one query
     * against many.
     */
    @Test
    void aQueryOverStoredTitlesGivesTheSameAnswersAsSplittingThem() {
        Random r = new Random(20261202);
        int matches = 0;
        int compared = 0;
        for (int k = 0; k < 20_000; k++) {
            List<String> a = title(r, k % 5 != 0);
            TitleMatch.Query query = new TitleMatch.Query(a);
            StringBuilder stored = new StringBuilder();
            int lines = 1 + r.nextInt(4);
            for (int l = 0; l < lines; l++) {
                if (l > 0) {
                    stored.append('\n');
                }
                List<String> b = r.nextBoolean() ? variant(r, a) : title(r, r.nextBoolean());
                String words = String.join(" ", b);
                switch (r.nextInt(13)) {
                    case 0 -> words = words.replaceFirst(" ", "  "); // an empty token
                    case 1 -> words = " " + words;
                    case 2 -> words = words + " ";
                    case 3 -> words = "";
                    case 4 -> words = words.replaceFirst("^([^ ]+)", "$1\u0142"); // a UTF-16 string from here
                    default -> { }
                }
                stored.append(words);
            }
            String text = stored.toString();
            for (int from = 0; from <= text.length(); ) {
                int to = text.indexOf('\n', from);
                if (to < 0) {
                    to = text.length();
                }
                double expected = TitleMatch.similarity(a,
                        java.util.Arrays.asList(text.substring(from, to).split(" ")));
                assertThat(query.similarity(text, from, to)).as("%s | [%s]", a, text.substring(from, to))
                        .isEqualTo(expected);
                compared++;
                if (expected > 0) {
                    matches++;
                }
                from = to + 1;
            }
        }
        assertThat(compared).isGreaterThan(40_000);
        assertThat(matches).as("pairs that match, so every rule was reached").isGreaterThan(5_000);
    }

    /**
     * Pairs only the edit rule decides (tokens respelled a character or two, so few are shared
     * whole): a query gives the same answers as the joined strings' edit similarity, both where a
     * count of the characters alone shows the distance is too large and where it takes the table.
     */
    @Test
    void theEditRuleGivesTheSameAnswersWhenTheQueryCountsCharactersFirst() {
        Random r = new Random(20261203);
        String letters = "abcdefghijklmnopqrstuvwxyz\u00e9\u0142";
        int editMatches = 0;
        int editMisses = 0;
        int ruledOutByCounts = 0;
        for (int k = 0; k < 50_000; k++) {
            List<String> a = title(r, true);
            List<String> b = new ArrayList<>();
            for (String w : a) {
                StringBuilder x = new StringBuilder(w);
                int edits = r.nextInt(5) < 2 ? 1 + (r.nextInt(6) == 0 ? 1 : 0) : 0;
                for (int e = 0; e < edits && x.length() > 1; e++) {
                    int at = r.nextInt(x.length());
                    switch (r.nextInt(3)) {
                        case 0 -> x.setCharAt(at, letters.charAt(r.nextInt(letters.length())));
                        case 1 -> x.deleteCharAt(at);
                        default -> x.insert(at, letters.charAt(r.nextInt(letters.length())));
                    }
                }
                b.add(x.toString());
            }
            if (r.nextInt(3) == 0) {
                java.util.Collections.shuffle(b, r); // the same characters, another order
            }
            double expected = TitleMatch.similarity(a, b);
            String stored = String.join(" ", b);
            TitleMatch.Query query = new TitleMatch.Query(a);
            assertThat(query.similarity(stored, 0, stored.length())).as("%s | %s", a, b).isEqualTo(expected);
            ruledOutByCounts += query.editRuledOutByCounts;
            // a Jaccard of the token sets under 0.6: no Jaccard or containment rule can match, only the
            // edit rule; joined lengths within 8%: the lengths alone do not rule it out
            Set<String> union = new LinkedHashSet<>(a);
            union.addAll(b);
            long shared = a.stream().distinct().filter(b::contains).count();
            int la = String.join("", a).length();
            int lb = String.join("", b).length();
            if ((double) shared / union.size() < 0.6 && Math.abs(la - lb) <= Math.max(la, lb) * 0.08) {
                if (expected > 0) {
                    editMatches++;
                } else {
                    editMisses++;
                }
            }
        }
        assertThat(editMatches).as("pairs the edit rule matched").isGreaterThan(5_000);
        assertThat(editMisses).as("pairs no rule matched").isGreaterThan(5_000);
        // the character counts answered many of those without the distance table (not all: some
        // pairs share nearly every character and need the table to be told apart)
        assertThat(ruledOutByCounts).as("pairs the counts ruled out").isGreaterThan(1_000).isLessThan(editMisses);
    }

    /**
     * {@link TitleMatch.Query#mayMatch} lets a look-up pass over a stored title from its signature
     * and shape alone: it may only do so where the comparison answers 0. Checked on close variants,
     * unrelated titles, containment at the rule's edge (one token of ten gone, up to six added),
     * respelled tokens for the edit rule, and lines spaced oddly or with numbers.
     */
    @Test
    void aTitleTheSignatureRulesOutNeverMatches() {
        Random r = new Random(20261203);
        int ruledOut = 0;
        int kept = 0;
        int matches = 0;
        for (int k = 0; k < 200_000; k++) {
            List<String> a = title(r, k % 5 != 0);
            List<String> b;
            switch (k % 4) {
                case 0 -> b = variant(r, a);
                case 1 -> b = title(r, r.nextBoolean());
                case 2 -> {
                    b = new ArrayList<>(a);
                    b.remove(r.nextInt(b.size()));
                    for (int extra = r.nextInt(7); extra > 0; extra--) {
                        b.add(r.nextInt(b.size() + 1), "x" + r.nextInt(1000));
                    }
                }
                default -> {
                    b = new ArrayList<>();
                    for (String w : a) {
                        b.add(r.nextInt(3) == 0 && w.length() > 2 ? w.substring(1) + (char) ('a' + r.nextInt(26)) : w);
                    }
                }
            }
            String words = String.join(" ", b);
            switch (r.nextInt(10)) {
                case 0 -> words = words.replaceFirst(" ", "  ");
                case 1 -> words = " " + words;
                case 2 -> words = words + " ";
                default -> { }
            }
            TitleMatch.Query query = new TitleMatch.Query(a);
            double expected = TitleMatch.similarity(a, java.util.Arrays.asList(words.split(" ")));
            if (expected > 0) {
                matches++;
            }
            if (query.mayMatch(TitleMatch.signature(words), TitleMatch.shape(words))) {
                kept++;
            } else {
                ruledOut++;
                assertThat(expected).as("ruled out but matches: %s | [%s]", a, words).isZero();
                assertThat(query.similarity(words, 0, words.length())).as("%s | [%s]", a, words).isZero();
            }
        }
        assertThat(matches).as("pairs that match, so every rule was reached").isGreaterThan(20_000);
        // the filter does rule titles out (not all, or the look-up would find nothing)
        assertThat(ruledOut).as("titles ruled out").isGreaterThan(50_000);
        assertThat(kept).isGreaterThan(matches);
    }

    @Test
    void aTitleTooLongToPackIsAlwaysCompared() {
        String words = "word ".repeat(1 << 21).trim();
        assertThat(TitleMatch.shape(words)).isEqualTo(TitleMatch.UNKNOWN_SHAPE);
        TitleMatch.Query query = new TitleMatch.Query(List.of("alpha", "beta", "gamma", "delta"));
        assertThat(query.mayMatch(TitleMatch.signature(words), TitleMatch.shape(words))).isTrue();
    }

    @Test
    void realTitlesGiveTheSameAnswers() {
        String[][] pairs = {
            {"Scaling Laws for Neural Language Models", "Scaling Laws for Neural Language Models of Code"},
            {"Mixture of Experts for Sparse Vision Transformers", "Mixture-of-Experts for sparse vision transformers."},
            {"Llama 3.1: open foundation models at scale", "Llama 3.2: open foundation models at scale"},
            {"Improving pre-training of vision transformers with sparse experts",
                "Improving pretraining of vision transformers with sparse experts"},
            {"A robust efficient mixture of experts for graph reasoning benchmark tasks",
                "Robust efficient mixture of experts for graph reasoning benchmark"},
        };
        for (String[] p : pairs) {
            List<String> a = TitleMatch.significant(p[0]);
            List<String> b = TitleMatch.significant(p[1]);
            assertThat(TitleMatch.similarity(a, b)).as("%s | %s", p[0], p[1]).isEqualTo(reference(a, b));
        }
        assertThat(TitleMatch.similarity(TitleMatch.significant(pairs[1][0]), TitleMatch.significant(pairs[1][1])))
                .isEqualTo(1.0);
        assertThat(TitleMatch.similarity(TitleMatch.significant(pairs[2][0]), TitleMatch.significant(pairs[2][1])))
                .isZero();
    }

    @Test
    void countsGiveEachPaperItsNumberOfSharedKeys() {
        TitleIndex.Counts counts = new TitleIndex.Counts();
        for (int round = 0; round < 3; round++) {
            counts.clear();
            java.util.Map<Long, Integer> expected = new java.util.HashMap<>();
            Random r = new Random(round);
            for (int k = 0; k < 5_000; k++) {
                long id = 1 + r.nextInt(700) * 1_000_003L; // spread over the slots, many repeats
                counts.add(id);
                expected.merge(id, 1, Integer::sum);
            }
            assertThat(counts.size()).isEqualTo(expected.size());
            for (int i = 0; i < counts.size(); i++) {
                assertThat(counts.count(i)).isEqualTo(expected.get(counts.id(i)));
            }
        }
    }
}
