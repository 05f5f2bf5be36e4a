package org.trendpress.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Near-identical titles: the same work seen without a shared id (a lab blog post titled like its
 * arXiv paper, a news story quoting the exact title). Conservative on purpose: a wrong merge hides
 * a work from the editors, a missed one only shows it twice.
 *
 * <p>Titles are normalised (Unicode compatibility forms, accents, case, dashes, quotes,
 * punctuation, whitespace) into tokens. Two titles match when
 * <ul>
 *   <li>each has at least {@value #MIN_SIGNIFICANT} significant tokens (not stop words, not generic
 *       announcement words: "Introducing Gemini" never matches anything),</li>
 *   <li>their numbers agree ("Llama 3.1" is not "Llama 3.2"), and</li>
 *   <li>when one title's significant words are a strict subset of the other's, Jaccard is at least
 *       {@value #SUBSET_JACCARD} ("Scaling Laws for Neural Language Models" is not "… of Code");</li>
 *   <li>otherwise their significant token sets have a Jaccard similarity of at least
 *       {@value #JACCARD}, or one set of at least 6 tokens is almost contained in the other (≥ 0.9,
 *       Jaccard ≥ 0.6), or their spaceless fingerprints are within a normalised edit distance of
 *       0.08 ("pre-training" against "pretraining", a typo).</li>
 * </ul>
 */
final class TitleMatch {

    static final int MIN_SIGNIFICANT = 4;
    static final double JACCARD = 0.85;
    /** When one title's words all appear in the other ("Scaling Laws …" against "Scaling Laws … of Code"). */
    static final double SUBSET_JACCARD = 0.9;
    private static final double CONTAINMENT = 0.9;
    private static final double CONTAINMENT_JACCARD = 0.6;
    /** The least Jaccard any rule of {@link #decide} accepts (the edit rule aside). */
    private static final double LEAST_JACCARD = Math.min(CONTAINMENT_JACCARD, Math.min(JACCARD, SUBSET_JACCARD));
    private static final int CONTAINMENT_MIN = 6;
    private static final double EDIT = 0.92;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Typographic quotes and dashes: {@link #QUOTES} and {@link #DASHES} past ASCII, also read by {@link #asciiKey}. */
    private static final String QUOTE_LIKE = "\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB\u2032\u2033";
    private static final String DASH_LIKE = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D";
    private static final Pattern DASHES = Pattern.compile("[" + DASH_LIKE + "]");
    private static final Pattern QUOTES = Pattern.compile("['`\"" + QUOTE_LIKE + "]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Words that say nothing about which work a title names. */
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "of", "for", "in", "on", "with", "and", "or", "to", "is", "are", "be", "via", "by",
            "from", "at", "as", "into", "its", "it", "we", "our", "your", "you", "how", "what", "why", "when", "do",
            "does", "can", "this", "that", "these", "new", "introducing", "introduces", "announcing", "announces",
            "meet", "presenting", "launching", "launches", "release", "releases", "update", "updates", "paper",
            "blog", "post", "today", "now", "available");

    private TitleMatch() {}

    /** The normalised title: lower-case words and numbers separated by single spaces. */
    static String key(String title) {
        if (title == null) {
            return "";
        }
        String ascii = asciiKey(title);
        return ascii != null ? ascii : normalisedKey(title);
    }

    /** {@link #key} by the Unicode normalisations and patterns, for any title. */
    static String normalisedKey(String title) {
        String s = Normalizer.normalize(title, Normalizer.Form.NFKC);
        s = DASHES.matcher(s).replaceAll("-");
        s = QUOTES.matcher(s).replaceAll("");
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(s).replaceAll(" ").strip();
    }

    /**
     * {@link #key} of an all-ASCII title, without the Unicode normalisations and patterns (which
     * change nothing in ASCII but quotes and separators); null when the title has other characters.
     */
    private static String asciiKey(String title) {
        StringBuilder out = new StringBuilder(title.length());
        boolean gap = false;
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (c >= 0x80) {
                // typographic quotes and dashes, and the no-break space, are what titles mostly
                // hold past ASCII ("&#8212;", "&#8220;"): the normalisations leave them as they are
                // (or make a plain space of them), so they are a quote or a gap here too
                if (QUOTE_LIKE.indexOf(c) >= 0) {
                    continue;
                }
                if (DASH_LIKE.indexOf(c) >= 0 || c == '\u00A0') {
                    gap = true;
                    continue;
                }
                return null;
            }
            if (c == '\'' || c == '`' || c == '"') {
                continue; // quotes go before words are split: "don't" is "dont"
            }
            boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
            if (!word) {
                gap = true;
                continue;
            }
            if (gap && out.length() > 0) {
                out.append(' ');
            }
            gap = false;
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    /** The significant tokens of a title, in order, without repeats. */
    static List<String> significant(String title) {
        Set<String> out = new LinkedHashSet<>();
        String k = key(title);
        if (k.isEmpty()) {
            return List.of();
        }
        for (String t : k.split(" ")) {
            if (!STOP.contains(t) && (t.length() > 1 || Character.isDigit(t.charAt(0)))) {
                out.add(t.length() > 100 ? t.substring(0, 100) : t);
            }
        }
        return List.copyOf(out);
    }

    /** MinHash bands for {@link #lookupKeys}: {@value #BANDS} bands of {@value #ROWS} minima over 5-character shingles. */
    static final int BANDS = 20;
    static final int ROWS = 4;
    private static final int SHINGLE = 5;

    /**
     * The keys to look a title up by: locality-sensitive hashes (MinHash bands over 5-character
     * shingles of the title's significant words written without spaces), so that near-identical
     * titles share at least one key with near certainty (shingle Jaccard 0.65: 98%, 0.8: 99.99%;
     * "pre-training" and "pretraining" give the same shingles) while unrelated titles almost never
     * do (Jaccard 0.15: 1%, 0.05: 0.01%). Looking keys up by equality keeps the candidate set small even when every title uses
     * common words. Empty when the title is too generic to be matched at all. ({@link TitleIndex}
     * holds the same {@link #bands} in memory; this readable form is for tests and logs.)
     */
    static List<String> lookupKeys(String title) {
        long[] bands = bands(significant(title));
        if (bands == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(BANDS);
        for (int b = 0; b < BANDS; b++) {
            keys.add("m" + b + ":" + Long.toHexString(bands[b]));
        }
        return keys;
    }

    /**
     * The {@value #BANDS} MinHash band hashes of {@link #lookupKeys} for a title's
     * {@link #significant} tokens (band {@code b} of both is the same hash); null when there are
     * fewer than {@value #MIN_SIGNIFICANT} tokens.
     */
    static long[] bands(List<String> sig) {
        if (sig.size() < MIN_SIGNIFICANT) {
            return null;
        }
        String text = String.join("", sig);
        long[] shingles = new long[Math.max(1, text.length() - SHINGLE + 1)];
        int n = 0;
        for (int i = 0; i + SHINGLE <= text.length() || i == 0; i++) {
            shingles[n++] = fnv(text, i, Math.min(text.length(), i + SHINGLE));
        }
        java.util.Arrays.sort(shingles, 0, n); // the same set as before, repeats skipped below
        long[] min = new long[BANDS * ROWS];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        for (int s = 0; s < n; s++) {
            if (s > 0 && shingles[s] == shingles[s - 1]) {
                continue;
            }
            // one well-mixed hash per shingle, then a multiply-add per function (2-universal,
            // ordered by its high bits): the keys live only in memory, so the family is ours to pick
            long sh = mix(shingles[s]);
            for (int k = 0; k < min.length; k++) {
                long v = sh * MULTIPLIERS[k] + OFFSETS[k];
                if (v < min[k]) {
                    min[k] = v;
                }
            }
        }
        long[] bands = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = b;
            for (int r = 0; r < ROWS; r++) {
                h = mix(h * 31 + min[b * ROWS + r]);
            }
            bands[b] = h;
        }
        return bands;
    }

    private static final long[] MULTIPLIERS = new long[BANDS * ROWS];
    private static final long[] OFFSETS = new long[BANDS * ROWS];

    static {
        for (int k = 0; k < MULTIPLIERS.length; k++) {
            MULTIPLIERS[k] = mix(0x9E3779B97F4A7C15L * (2 * k + 1)) | 1L;
            OFFSETS[k] = mix(0xC2B2AE3D27D4EB4FL * (2 * k + 2));
        }
    }

    private static long fnv(String s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit hash of {@code z}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Whether two titles name the same work, by the rules in the class comment. */
    static boolean same(String a, String b) {
        return similarity(a, b) > 0;
    }

    /**
     * How alike two titles are, in (0, 1] when they match by the rules above, else 0. Higher is
     * closer; used to pick the best of several matching papers.
     */
    static double similarity(String a, String b) {
        return similarity(significant(a), b);
    }

    /** {@link #similarity(String, String)} with the first title's {@link #significant} tokens worked out already. */
    static double similarity(List<String> sa, String b) {
        return similarity(sa, significant(b));
    }

    /**
     * {@link #similarity(String, String)} of two titles' {@link #significant} tokens. Worked out
     * without building sets or strings until the last test needs them: it runs for every candidate
     * title of every stored item, in the store lane.
     */
    static double similarity(List<String> sa, List<String> sb) {
        int na = sa.size();
        int nb = sb.size();
        if (na < MIN_SIGNIFICANT || nb < MIN_SIGNIFICANT) {
            return 0;
        }
        if (!sameNumbers(sa, sb)) {
            return 0;
        }
        // significant() gives each token once, but any list is counted as sets would count it:
        // common = tokens of sa (repeats included) that sb has; union = distinct tokens of both.
        // Tokens are compared by hash first: most pairs differ, and an int compare is cheaper than equals.
        int[] ha = hashes(sa, na);
        int[] hb = hashes(sb, nb);
        int common = 0;
        int union = 0;
        for (int i = 0; i < na; i++) {
            String t = sa.get(i);
            if (contains(sb, hb, nb, t, ha[i])) {
                common++;
            }
            if (!contains(sa, ha, i, t, ha[i])) {
                union++;
            }
        }
        for (int j = 0; j < nb; j++) {
            String t = sb.get(j);
            if (!contains(sb, hb, j, t, hb[j]) && !contains(sa, ha, na, t, hb[j])) {
                union++;
            }
        }
        double decided = decide(common, union, na, nb, joinedLength(sa), joinedLength(sb));
        return decided >= 0 ? decided : editSimilarityAtLeast(String.join("", sa), String.join("", sb), EDIT);
    }

    /**
     * The rules of {@link #similarity(List, List)} once the tokens are counted ({@code common} of
     * the first title's tokens in the second, {@code union} distinct in both, {@code na} and
     * {@code nb} tokens, {@code la} and {@code lb} characters joined): the answer, or -1 when only
     * the edit similarity of the joined tokens can tell.
     */
    private static double decide(int common, int union, int na, int nb, int la, int lb) {
        double jaccard = (double) common / union;
        int smaller = Math.min(na, nb);
        boolean subset = common == smaller && na != nb;
        if (subset) {
            // a longer title that only adds words is usually a narrower work, not the same one
            return jaccard >= SUBSET_JACCARD ? jaccard : 0;
        }
        if (jaccard >= JACCARD) {
            return jaccard;
        }
        double containment = (double) common / smaller;
        if (smaller >= CONTAINMENT_MIN && containment >= CONTAINMENT && jaccard >= CONTAINMENT_JACCARD) {
            return jaccard;
        }
        // editSimilarityAtLeast's own length shortcut, on the lengths of the joined tokens, before joining them
        // (editRuledOut says when this returns 0)
        int max = Math.max(la, lb);
        if (max > 0 && Math.abs(la - lb) > max * (1 - EDIT)) {
            double e = 1 - (double) Math.abs(la - lb) / max;
            return e >= EDIT ? e : 0;
        }
        return -1;
    }

    /** Whether {@link #decide}'s length shortcut answers 0 for joined lengths {@code la} and {@code lb}. */
    private static boolean editRuledOut(int la, int lb) {
        int max = Math.max(la, lb);
        if (max > 0 && Math.abs(la - lb) > max * (1 - EDIT)) {
            double e = 1 - (double) Math.abs(la - lb) / max;
            return !(e >= EDIT);
        }
        return false;
    }

    /**
     * One title's {@link #significant} tokens, made ready once to be compared with many stored
     * titles (the {@link TitleIndex}'s candidates): their hash codes and joined length are worked
     * out once, and a stored title (its tokens joined by single spaces) is compared where it lies,
     * without splitting it. {@link #similarity(String, int, int)} gives what
     * {@link TitleMatch#similarity(List, List)} gives for the split title, to the last bit; a title
     * with a number on either side, or spaced otherwise than singly, goes through that method.
     * Not thread-safe (it reuses its arrays).
     */
    static final class Query {
        private final List<String> tokens;
        private final int[] hashes;
        private final boolean numbers;
        private final int joinedLength;
        /** How many distinct tokens the query has: the least a union with it can be. */
        private final int distinct;
        private String joined;
        private int[] starts = new int[16];
        private int[] ends = new int[16];
        private int[] regionHashes = new int[16];
        private char[] joinBuffer = new char[64];

        Query(List<String> tokens) {
            this.tokens = tokens;
            this.hashes = TitleMatch.hashes(tokens, tokens.size());
            this.bits = new int[tokens.size()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = bit(hashes[i]);
            }
            int d = 0;
            for (int i = 0; i < tokens.size(); i++) {
                if (!contains(tokens, hashes, i, tokens.get(i), hashes[i])) {
                    d++;
                }
            }
            this.distinct = d;
            this.numbers = TitleMatch.numbers(tokens) != null;
            this.joinedLength = TitleMatch.joinedLength(tokens);
        }

        /**
         * False only when {@link #similarity(String, int, int)} is surely 0 for a stored title with
         * this {@link #signature} and {@link #shape}, worked out without reading the title. Every
         * rule but the edit rule needs a Jaccard of at least {@link #LEAST_JACCARD}; the common
         * tokens are at most the query's tokens whose bit the signature has, and the union at least
         * the larger number of distinct tokens on either side. The edit rule needs joined lengths
         * within {@link #EDIT}'s reach ({@link #editRuledOut}). Most unrelated titles a look-up's
         * candidates carry end here.
         */
        boolean mayMatch(long signature, long shape) {
            if (shape == UNKNOWN_SHAPE) {
                return true;
            }
            int nb = (int) (shape >>> 42);
            int distinctB = (int) (shape >>> 21) & SHAPE_FIELD;
            int lb = (int) shape & SHAPE_FIELD;
            if (tokens.size() < MIN_SIGNIFICANT || nb < MIN_SIGNIFICANT) {
                return false;
            }
            if (!editRuledOut(joinedLength, lb)) {
                return true;
            }
            int shared = 0;
            for (int b : bits) {
                shared += (int) (signature >>> b) & 1;
            }
            return (double) shared / Math.max(distinct, distinctB) >= LEAST_JACCARD;
        }

        /** Each token's bit in a {@link #signature}. */
        private final int[] bits;

        /** {@code similarity(tokens, Arrays.asList(text.substring(from, to).split(" ")))}. */
        double similarity(String text, int from, int to) {
            int nb = numbers ? -1 : tokenise(text, from, to);
            if (nb < 0) {
                return TitleMatch.similarity(tokens, java.util.Arrays.asList(text.substring(from, to).split(" ")));
            }
            int na = tokens.size();
            if (na < MIN_SIGNIFICANT || nb < MIN_SIGNIFICANT) {
                return 0;
            }
            // neither side names a number: sameNumbers holds. Then as similarity(List, List) counts.
            int lb = (to - from) - (nb - 1);
            // when the lengths alone rule the edit path out, only a Jaccard of LEAST_JACCARD or more
            // can match: the union is at least the query's distinct tokens, so once the common
            // tokens cannot reach that share even if every remaining query token is found, it is 0
            boolean editRuledOut = editRuledOut(joinedLength, lb);
            int common = 0;
            for (int i = 0; i < na; i++) {
                if (inRegions(text, nb, tokens.get(i), hashes[i])) {
                    common++;
                } else if (editRuledOut && (double) (common + na - i - 1) / distinct < LEAST_JACCARD) {
                    return 0;
                }
            }
            int union = distinct;
            for (int j = 0; j < nb; j++) {
                if (!regionBefore(text, j) && !inTokens(text, j)) {
                    union++;
                }
            }
            double decided = decide(common, union, na, nb, joinedLength, lb);
            if (decided >= 0) {
                return decided;
            }
            if (joined == null) {
                joined = String.join("", tokens);
            }
            if (editTooFar(text, nb, lb)) {
                editRuledOutByCounts++;
                return 0; // what editSimilarityAtLeast would answer, known from the characters' counts
            }
            // the stored title's tokens joined, copied out in blocks (StringBuilder.append of a
            // region went character by character: it was the hottest line of the title look-up)
            if (joinBuffer.length < lb) {
                joinBuffer = new char[Math.max(lb, 2 * joinBuffer.length)];
            }
            int at = 0;
            for (int j = 0; j < nb; j++) {
                text.getChars(starts[j], ends[j], joinBuffer, at);
                at += ends[j] - starts[j];
            }
            return editSimilarityAtLeast(joined, new String(joinBuffer, 0, at), EDIT);
        }

        /** How many comparisons {@link #editTooFar} answered (for tests). */
        int editRuledOutByCounts;
        /** The query's joined tokens as character counts (ASCII by code, everything else in one bucket), made once. */
        private int[] joinedCounts;
        private final int[] counts = new int[129];

        /**
         * Whether the Levenshtein distance between the query's joined tokens and the stored title's
         * ({@code nb} regions, {@code lb} characters) is surely more than {@link #editSimilarityAtLeast}
         * accepts at {@link #EDIT}, so that it would answer 0. An edit script of d operations matches
         * at most as many characters as the two strings have in common as multisets, so d is at
         * least the longer length less that count; characters folded into one bucket only raise the
         * count, so the bound still holds. Most pairs of unrelated titles of the same length end
         * here, without the joined string and the distance table.
         */
        private boolean editTooFar(String text, int nb, int lb) {
            if (joinedCounts == null) {
                joinedCounts = new int[129];
                for (int i = 0; i < joined.length(); i++) {
                    char c = joined.charAt(i);
                    joinedCounts[c < 128 ? c : 128]++;
                }
            }
            int max = Math.max(joinedLength, lb);
            if (max == 0) {
                return false;
            }
            int k = maxDistance(max, EDIT);
            System.arraycopy(joinedCounts, 0, counts, 0, counts.length);
            int shared = 0;
            for (int j = 0; j < nb; j++) {
                for (int i = starts[j]; i < ends[j]; i++) {
                    char c = text.charAt(i);
                    int b = c < 128 ? c : 128;
                    if (counts[b] > 0) {
                        counts[b]--;
                        shared++;
                    }
                }
            }
            return max - shared > k;
        }

        /**
         * Finds the tokens of {@code text[from, to)}, their bounds and hash codes; their number, or
         * -1 when the region is not non-empty tokens joined by single spaces or a token is a number.
         */
        private int tokenise(String text, int from, int to) {
            if (from >= to || text.charAt(from) == ' ' || text.charAt(to - 1) == ' ') {
                return -1;
            }
            int n = 0;
            int start = from;
            int h = 0;
            boolean digits = true;
            for (int i = from; i <= to; i++) {
                char c = i < to ? text.charAt(i) : ' ';
                if (c == ' ') {
                    if (i == start || digits) {
                        return -1; // an empty token (two spaces), or a number
                    }
                    if (n == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, n * 2);
                        ends = java.util.Arrays.copyOf(ends, n * 2);
                        regionHashes = java.util.Arrays.copyOf(regionHashes, n * 2);
                    }
                    starts[n] = start;
                    ends[n] = i;
                    regionHashes[n] = h;
                    n++;
                    start = i + 1;
                    h = 0;
                    digits = true;
                } else {
                    h = 31 * h + c;
                    digits &= Character.isDigit(c);
                }
            }
            return n;
        }

        private boolean regionEquals(String text, int k, String t) {
            int len = ends[k] - starts[k];
            return len == t.length() && text.regionMatches(starts[k], t, 0, len);
        }

        /** Whether one of the stored title's tokens is {@code t} (hash code {@code h}). */
        private boolean inRegions(String text, int nb, String t, int h) {
            for (int k = 0; k < nb; k++) {
                if (regionHashes[k] == h && regionEquals(text, k, t)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the stored title's token {@code j} came earlier in it. */
        private boolean regionBefore(String text, int j) {
            int len = ends[j] - starts[j];
            for (int k = 0; k < j; k++) {
                if (regionHashes[k] == regionHashes[j] && ends[k] - starts[k] == len
                        && text.regionMatches(starts[k], text, starts[j], len)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the query has the stored title's token {@code j}. */
        private boolean inTokens(String text, int j) {
            for (int k = 0; k < tokens.size(); k++) {
                if (hashes[k] == regionHashes[j] && regionEquals(text, j, tokens.get(k))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The largest value a {@link #shape} field holds; a title past it gets {@link #UNKNOWN_SHAPE}. */
    private static final int SHAPE_FIELD = (1 << 21) - 1;
    /** The shape of a title too long to pack: {@link Query#mayMatch} always compares it. */
    static final long UNKNOWN_SHAPE = -1;

    /** A token's bit (of 64) in a {@link #signature}, from its hash code. */
    private static int bit(int hash) {
        return (hash * 0x9E3779B9) >>> 26;
    }

    /**
     * A stored title's tokens (its words as {@code split(" ")} gives them, as
     * {@link Query#similarity(String, int, int)} reads them) as a 64-bit set: one bit per token.
     */
    static long signature(String words) {
        return signature(words.split(" "));
    }

    /** {@link #signature(String)} of the title's tokens, split already. */
    static long signature(String[] tokens) {
        long sig = 0;
        for (String t : tokens) {
            sig |= 1L << bit(t.hashCode());
        }
        return sig;
    }

    /**
     * A stored title's counts for {@link Query#mayMatch}: its tokens ({@code split(" ")}), its
     * distinct tokens and their joined length, packed 21 bits each; {@link #UNKNOWN_SHAPE} past that.
     */
    static long shape(String words) {
        return shape(words.split(" "));
    }

    /** {@link #shape(String)} of the title's tokens, split already. */
    static long shape(String[] tokens) {
        int length = 0;
        for (String t : tokens) {
            length += t.length();
        }
        if (tokens.length > SHAPE_FIELD || length > SHAPE_FIELD) {
            return UNKNOWN_SHAPE;
        }
        long distinct = java.util.Arrays.stream(tokens).distinct().count();
        return ((long) tokens.length << 42) | (distinct << 21) | length;
    }

    /** Whether {@code list}'s first {@code n} elements (with these hash codes) include {@code t} (hash code {@code h}). */
    private static boolean contains(List<String> list, int[] hashes, int n, String t, int h) {
        for (int k = 0; k < n; k++) {
            if (hashes[k] == h && t.equals(list.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static int[] hashes(List<String> tokens, int n) {
        int[] h = new int[n];
        for (int k = 0; k < n; k++) {
            h[k] = tokens.get(k).hashCode();
        }
        return h;
    }

    private static int joinedLength(List<String> tokens) {
        int n = 0;
        for (int k = 0; k < tokens.size(); k++) {
            n += tokens.get(k).length();
        }
        return n;
    }

    /** Whether two titles name the same set of numbers (most name none: no set is built then). */
    static boolean sameNumbers(List<String> sa, List<String> sb) {
        Set<String> na = numbers(sa);
        Set<String> nb = numbers(sb);
        return na == null ? nb == null : na.equals(nb);
    }

    /** The number tokens of a title, or null when it has none. */
    private static Set<String> numbers(List<String> tokens) {
        Set<String> n = null;
        for (String t : tokens) {
            if (isNumber(t)) {
                if (n == null) {
                    n = new TreeSet<>();
                }
                n.add(t);
            }
        }
        return n;
    }

    private static boolean isNumber(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The largest distance d with {@code 1 - d / max >= min} (-1 when there is none), decided by
     * the same arithmetic as {@link #editSimilarityAtLeast}'s result.
     */
    private static int maxDistance(int max, double min) {
        int k = Math.min(max, (int) Math.floor(max * (1 - min)) + 2);
        while (k >= 0 && 1 - (double) k / max < min) {
            k--;
        }
        return k;
    }

    /**
     * {@link #editSimilarity} (with {@code min} as its threshold) when it is at least {@code min}, else 0:
     * the same answer, but the distance is worked out
     * only within the band of the largest distance that still reaches {@code min} (Ukkonen), and
     * given up as soon as every cell of a row is past it.
     */
    static double editSimilarityAtLeast(String a, String b, double min) {
        int n = a.length();
        int m = b.length();
        int max = Math.max(n, m);
        if (max == 0) {
            return 1 >= min ? 1 : 0;
        }
        int k = maxDistance(max, min);
        if (Math.abs(n - m) > max * (1 - min)) {
            // the same shortcut and answer as editSimilarity's (a lengths gap at the limit may pass)
            double e = 1 - (double) Math.abs(n - m) / max;
            return e >= min ? e : 0;
        }
        if (k < 0 || Math.abs(n - m) > k) {
            return 0;
        }
        int far = k + 1; // any cell past k: its exact value no longer matters
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = Math.min(j, far);
        }
        for (int i = 1; i <= n; i++) {
            int lo = Math.max(1, i - k);
            int hi = Math.min(m, i + k);
            cur[0] = Math.min(i, far);
            if (lo > 1) {
                cur[lo - 1] = far;
            }
            int rowMin = lo == 1 ? cur[0] : far;
            char ca = a.charAt(i - 1);
            for (int j = lo; j <= hi; j++) {
                int v = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
                v = Math.min(v, Math.min(prev[j] + 1, cur[j - 1] + 1));
                if (v > far) {
                    v = far;
                }
                cur[j] = v;
                if (v < rowMin) {
                    rowMin = v;
                }
            }
            if (hi < m) {
                cur[hi + 1] = far;
            }
            if (rowMin > k) {
                return 0;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        int d = prev[m];
        return d <= k ? 1 - (double) d / max : 0;
    }

    /** 1 − Levenshtein distance / longer length. */
    static double editSimilarity(String a, String b) {
        int max = Math.max(a.length(), b.length());
        if (max == 0) {
            return 1;
        }
        if (Math.abs(a.length() - b.length()) > max * (1 - EDIT)) {
            return 1 - (double) Math.abs(a.length() - b.length()) / max; // too far apart to be worth the table
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return 1 - (double) prev[b.length()] / max;
    }
}
