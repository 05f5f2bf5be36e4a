package org.trendpress.classify;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns {@link ItemFeatures} into the named, weighted features both models read. Text features
 * are lower-cased words ({@code w:}), title words ({@code t:}) and word bigrams ({@code b:}),
 * each present-or-absent and scaled so that long and short texts weigh alike. Structure features
 * ({@code s:}) say whether the item carries an arXiv id, DOI, OpenReview or other paper link, a
 * GitHub link, how many authors it names (bucketed), the source's kind hint, abstract-like
 * wording and the summary's length. Lexicon features ({@code x:}, {@code x2:}, {@code xt:}, see
 * {@link TopicLexicon}) say which topics' domain words the text names; only the topic model is
 * trained on them ({@link #forKind} drops them). arXiv categories are not features: they would
 * give the topic labels away.
 */
final class Features {

    /** Summary characters read; the rest of a long post adds little and costs time. */
    static final int MAX_SUMMARY = 2000;

    static final Pattern OPENREVIEW = Pattern.compile("https?://(www\\.)?openreview\\.net/(forum|pdf)", Pattern.CASE_INSENSITIVE);
    static final Pattern PAPER_HOSTS = Pattern.compile(
            "https?://(www\\.)?(aclanthology\\.org/|proceedings\\.(mlr\\.press|neurips\\.cc)/|papers\\.nips\\.cc/"
                    + "|biorxiv\\.org/content/|doi\\.org/|dl\\.acm\\.org/doi/|ieeexplore\\.ieee\\.org/document/"
                    + "|huggingface\\.co/papers/|semanticscholar\\.org/paper/)",
            Pattern.CASE_INSENSITIVE);
    static final Pattern ARXIV_LINK = Pattern.compile("https?://(www\\.|export\\.)?arxiv\\.org/(abs|pdf|html)/",
            Pattern.CASE_INSENSITIVE);
    static final Pattern GITHUB = Pattern.compile("https?://(www\\.)?github\\.com/[^/]+/[^/#?]+", Pattern.CASE_INSENSITIVE);

    /** Abstract-like phrases, each its own structure feature (name after the colon is shown to editors). */
    static final String[] PHRASES = {"we propose", "in this paper", "in this work", "state-of-the-art", "state of the art",
        "we present", "we introduce", "our method", "our approach", "experiments show", "experimental results",
        "outperforms", "we show that", "we demonstrate", "extensive experiments", "benchmark", "dataset",
        "we study", "results show", "theoretical", "this paper"};
    private static final PhraseScan PHRASE_SCAN = new PhraseScan(PHRASES);
    private static final String[] PHRASE_FEATURES = java.util.Arrays.stream(PHRASES).map(p -> "s:phrase=" + p)
            .toArray(String[]::new);

    private Features() {}

    static Map<String, Double> of(ItemFeatures f) {
        Named named = new Named();
        extract(f, named);
        return named.map;
    }

    /**
     * Where {@link #extract} hands the features of one item, in the order {@link #of} puts them
     * into its map: first the text features (title words, the first title word, words and
     * bigrams), then {@link #endText}, then structure and lexicon features by name. A text feature
     * weighs {@code 3 / sqrt(number of distinct text features)}, every other feature 1. A sink
     * that keeps the features in a {@code HashMap} created with {@link #start}'s capacity and
     * filled by these calls, in order, iterates them in the same order as {@link #of}'s map.
     */
    abstract static class Sink {

        /** Called first, with the capacity {@link #of} creates its map with. */
        abstract void start(int capacity);

        /** Word feature prefixes, by code: {@code w:}, {@code t:} (title word), {@code t0:} (first title word). */
        static final int W = 0;
        static final int T = 1;
        static final int T0 = 2;
        static final String[] WORD_PREFIXES = {"w:", "t:", "t0:"};

        /**
         * Text feature {@code WORD_PREFIXES[prefix] + word}; {@code id} is the word's slot in
         * {@link #vocabulary()} ({@link Vocabulary#slot}), or -1 when it has none or there is none;
         * {@code hash} is the word's {@code hashCode()}, as the token scan worked it out.
         */
        void word(int prefix, String word, int id, int hash) {
            put(WORD_PREFIXES[prefix] + word);
        }

        /** Text feature {@code b:first_second}, with each word's vocabulary slot and hash code as in {@link #word}. */
        void bigram(String first, int firstId, int firstHash, String second, int secondId, int secondHash) {
            put("b:" + first + "_" + second);
        }

        /** A feature by name. */
        abstract void put(String feature);

        /** Known words whose own instances tokens may be (see {@link Vocabulary}), or null. */
        Vocabulary vocabulary() {
            return null;
        }

        /** The lexicon's first words by their slot in {@link #vocabulary()}, or null (then looked up by word). */
        TopicLexicon.Roots lexiconRoots() {
            return null;
        }

        /** All text features are in; what follows weighs 1. */
        abstract void endText();
    }

    /** The features by name with their weights, as the models are trained on them. */
    private static final class Named extends Sink {
        Map<String, Double> map;

        @Override
        void start(int capacity) {
            map = new HashMap<>(capacity);
        }

        @Override
        void put(String feature) {
            map.put(feature, 1.0);
        }

        @Override
        void endText() {
            int text = map.size();
            double scale = text == 0 ? 0 : 3.0 / Math.sqrt(text);
            map.replaceAll((k, v) -> scale);
        }
    }

    /** Finds the features of an item and hands them to {@code sink}, in order (see {@link Sink}). */
    static void extract(ItemFeatures f, Sink sink) {
        String title = f.title().toLowerCase(Locale.ROOT);
        String summary = f.summary().length() > MAX_SUMMARY ? f.summary().substring(0, MAX_SUMMARY) : f.summary();
        summary = summary.toLowerCase(Locale.ROOT);
        Vocabulary v = sink.vocabulary();
        int[] tid = v == null ? null : new int[(title.length() + 1) / 3];
        int[] sid = v == null ? null : new int[(summary.length() + 1) / 3];
        // each token's hash code, as the scan worked it out: a token no vocabulary knows is a new
        // string whose own hashCode() would go over its characters again
        int[] th = new int[(title.length() + 1) / 3];
        int[] sh = new int[(summary.length() + 1) / 3];
        String[] tw = tokens(title, v, tid, th);
        String[] sw = tokens(summary, v, sid, sh);
        sink.start(4 * (tw.length * 3 + sw.length * 2) + 64);
        for (int i = 0; i < tw.length; i++) {
            sink.word(Sink.T, tw[i], tid == null ? -1 : tid[i], th[i]);
        }
        if (tw.length > 0) {
            sink.word(Sink.T0, tw[0], tid == null ? -1 : tid[0], th[0]);
        }
        addWords(sink, tw, tid, th);
        addWords(sink, sw, sid, sh);
        sink.endText();
        structure(f, title, summary, sw.length, sink);
        TopicLexicon.add(tw, tid, sw, sid, v == null ? null : sink.lexiconRoots(), sink);
    }

    /** Whether a feature comes from {@link TopicLexicon} (topic model only). */
    static boolean lexicon(String feature) {
        return feature.startsWith("x:") || feature.startsWith("x2:") || feature.startsWith("xt:");
    }

    /** The features the kind model is trained on: all but the lexicon's. */
    static Map<String, Double> forKind(Map<String, Double> features) {
        features.keySet().removeIf(Features::lexicon);
        return features;
    }

    private static void addWords(Sink text, String[] tokens, int[] ids, int[] hashes) {
        for (int i = 0; i < tokens.length; i++) {
            int id = ids == null ? -1 : ids[i];
            text.word(Sink.W, tokens[i], id, hashes[i]);
            if (i > 0) {
                text.bigram(tokens[i - 1], ids == null ? -1 : ids[i - 1], hashes[i - 1], tokens[i], id, hashes[i]);
            }
        }
    }

    private static void structure(ItemFeatures f, String title, String summary, int words, Sink out) {
        boolean arxiv = f.arxivId() != null;
        boolean openreview = false;
        boolean paperHost = false;
        boolean github = false;
        for (String l : f.links()) {
            arxiv |= ARXIV_LINK.matcher(l).find();
            openreview |= OPENREVIEW.matcher(l).find();
            paperHost |= PAPER_HOSTS.matcher(l).find();
            github |= GITHUB.matcher(l).find();
        }
        if (arxiv) {
            out.put("s:arxiv");
        }
        if (f.doi() != null) {
            out.put("s:doi");
        }
        if (openreview) {
            out.put("s:openreview");
        }
        if (paperHost) {
            out.put("s:paperlink");
        }
        if (github) {
            out.put("s:github");
        }
        int a = f.authors();
        out.put("s:authors=" + (a == 0 ? "0" : a == 1 ? "1" : a <= 3 ? "2-3" : a <= 6 ? "4-6" : "7+"));
        out.put("s:hint=" + f.kindHint());
        // each phrase found in title + " " + summary, in the order of PHRASES
        int phrases = PHRASE_SCAN.find(title, ' ', summary);
        for (int k = 0; k < PHRASES.length; k++) {
            if ((phrases & 1 << k) != 0) {
                out.put(PHRASE_FEATURES[k]);
            }
        }
        if (title.indexOf(": ") > 0) {
            out.put("s:title-colon");
        }
        // the section of a paper host (arxiv.org/abs/...) says nothing the paper-link features do not
        if (!f.links().isEmpty() && !arxiv && !openreview && !paperHost) {
            String section = section(f.links().get(0));
            if (section != null) {
                out.put("s:section=" + section);
            }
        }
        out.put("s:len=" + (words == 0 ? "0" : words <= 30 ? "1-30" : words <= 100 ? "31-100" : words <= 250 ? "101-250"
                : "250+"));
    }

    /**
     * The first path segment of an item's main link when it names a section of the site
     * ({@code /research/}, {@code /news/}, {@code /blog/}, {@code /changelog/}...): 2 to 20
     * letters or hyphens, followed by more path. Null otherwise (dates, slugs, bare hosts).
     */
    static String section(String url) {
        int scheme = url.indexOf("://");
        int start = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (start < 0) {
            return null;
        }
        int i = start + 1;
        while (i < url.length() && url.charAt(i) == '/') {
            i++;
        }
        int from = i;
        while (i < url.length()) {
            char c = url.charAt(i);
            if (c == '/') {
                break;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                return null;
            }
            i++;
        }
        int len = i - from;
        if (len < 2 || len > 20 || i + 1 >= url.length()) {
            return null;
        }
        return url.substring(from, i).toLowerCase(Locale.ROOT);
    }

    /** Lower-case letter/digit runs of at least two characters (input already lower-cased). */
    static String[] tokens(String s) {
        return tokens(s, null);
    }

    /**
     * {@link #tokens(String)}, where a token {@code vocabulary} knows is its instance there (equal
     * strings, so every feature and answer is the same): no copy is made of it, and its hash code
     * is known already when the models look it up.
     */
    static String[] tokens(String s, Vocabulary vocabulary) {
        return tokens(s, vocabulary, null);
    }

    /**
     * {@link #tokens(String, Vocabulary)}, and when {@code ids} is not null (at least
     * {@code (s.length() + 1) / 3} long), each token's {@link Vocabulary#slot} in {@code ids}: -1
     * for a token the vocabulary does not know (or when there is no vocabulary).
     */
    static String[] tokens(String s, Vocabulary vocabulary, int[] ids) {
        return tokens(s, vocabulary, ids, null);
    }

    /**
     * {@link #tokens(String, Vocabulary, int[])}, and when {@code hashes} is not null (as long as
     * {@code ids}), each token's {@code String.hashCode()} in it, worked out as the scan goes.
     */
    static String[] tokens(String s, Vocabulary vocabulary, int[] ids, int[] hashes) {
        String[] out = new String[(s.length() + 1) / 3]; // a word and its separator take 3 characters or more
        int n = 0;
        int start = -1;
        int h = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            boolean word = i < s.length() && letterOrDigit(c);
            if (word) {
                if (start < 0) {
                    start = i;
                    h = 0;
                }
                h = 31 * h + c; // String.hashCode of the token, as it goes
            } else if (start >= 0) {
                if (i - start >= 2 && i - start <= 30) {
                    int slot = vocabulary == null ? -1 : vocabulary.slot(s, start, i, h);
                    if (ids != null) {
                        ids[n] = slot;
                    }
                    if (hashes != null) {
                        hashes[n] = h;
                    }
                    out[n++] = slot >= 0 ? vocabulary.word(slot) : s.substring(start, i);
                }
                start = -1;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * A fixed set of words, found by a region of a text and that region's hash code without a
     * string being made of it: open addressing over the words' own instances and their hash codes
     * (a probe reads the words' hash codes from one array, and a word only when its hash matches).
     * A word's slot is its id: the classifier keeps what it knows of each word by slot.
     */
    static final class Vocabulary {
        private final String[] table;
        /**
         * Per slot, {@link #TAKEN} with the word's hash code in the low 32 bits, or 0 for an empty
         * slot: a probe reads this one array (one cache line per slot) until the hash matches or
         * the slot is empty, and touches the word only on a match. (A table of 2 words per 1 is far
         * larger than the caches; with the strings' array read first, each probe of a token no model
         * knows cost two misses.)
         */
        private final long[] hashes;
        private static final long TAKEN = 1L << 32;

        Vocabulary(java.util.Collection<String> words) {
            int size = Integer.highestOneBit(Math.max(4, words.size() * 2 - 1)) << 1;
            table = new String[size];
            hashes = new long[size];
            for (String w : words) {
                int i = start(w.hashCode());
                while (table[i] != null && !table[i].equals(w)) {
                    i = (i + 1) & (table.length - 1);
                }
                table[i] = w;
                hashes[i] = TAKEN | (w.hashCode() & 0xFFFF_FFFFL);
            }
        }

        private int start(int h) {
            return (h ^ (h >>> 16)) & (table.length - 1);
        }

        /** The slot of the word equal to {@code s[from, to)} (whose hash code is {@code h}), or -1. */
        int slot(String s, int from, int to, int h) {
            int len = to - from;
            long want = TAKEN | (h & 0xFFFF_FFFFL);
            for (int i = start(h); ; i = (i + 1) & (hashes.length - 1)) {
                long at = hashes[i];
                if (at == 0) {
                    return -1;
                }
                if (at == want) {
                    String w = table[i];
                    if (w.length() == len && s.regionMatches(from, w, 0, len)) {
                        return i;
                    }
                }
            }
        }

        /** The slot of {@code word}, or -1 when the vocabulary does not hold it. */
        int slotOf(String word) {
            return slot(word, 0, word.length(), word.hashCode());
        }

        /** The word at {@code slot} (a slot {@link #slot} returned). */
        String word(int slot) {
            return table[slot];
        }

        /** The word equal to {@code s[from, to)} (whose hash code is {@code h}), or null. */
        String find(String s, int from, int to, int h) {
            int i = slot(s, from, to, h);
            return i < 0 ? null : table[i];
        }

        /** How many slots there are: every slot is below this. */
        int slots() {
            return table.length;
        }

        int size() {
            int n = 0;
            for (String w : table) {
                if (w != null) {
                    n++;
                }
            }
            return n;
        }
    }

    /** {@link Character#isLetterOrDigit(char)}, answered without a table look-up for ASCII. */
    static boolean letterOrDigit(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
        }
        return Character.isLetterOrDigit(c);
    }

    /** How a structure feature reads in an editor's reason. */
    static String describe(String feature) {
        return switch (feature) {
            case "s:arxiv" -> "arXiv link";
            case "s:doi" -> "DOI";
            case "s:openreview" -> "OpenReview link";
            case "s:paperlink" -> "paper link";
            case "s:github" -> "GitHub link";
            case "s:title-colon" -> "'name: description' title";
            default -> {
                if (feature.startsWith("s:phrase=")) {
                    yield "'" + feature.substring(9) + "'";
                }
                if (feature.startsWith("s:section=")) {
                    yield "link under /" + feature.substring(10) + "/";
                }
                if (feature.startsWith("x:") || feature.startsWith("x2:") || feature.startsWith("xt:")) {
                    int colon = feature.indexOf(':');
                    yield (feature.startsWith("x2:") ? "many " : feature.startsWith("xt:") ? "title names " : "")
                            + feature.substring(colon + 1) + " terms";
                }
                if (feature.startsWith("t0:")) {
                    yield "title starts '" + feature.substring(3) + "'";
                }
                if (feature.startsWith("s:hint=")) {
                    yield feature.substring(7) + " source";
                }
                if (feature.startsWith("s:authors=")) {
                    yield feature.substring(10) + " authors";
                }
                if (feature.startsWith("s:len=")) {
                    yield "summary " + feature.substring(6) + " words";
                }
                if (feature.startsWith("t:")) {
                    yield "title '" + feature.substring(2) + "'";
                }
                if (feature.startsWith("w:")) {
                    yield "'" + feature.substring(2) + "'";
                }
                if (feature.startsWith("b:")) {
                    yield "'" + feature.substring(2).replace('_', ' ') + "'";
                }
                yield feature;
            }
        };
    }
}
