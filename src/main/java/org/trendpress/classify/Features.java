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

    private Features() {}

    static Map<String, Double> of(ItemFeatures f) {
        String title = f.title().toLowerCase(Locale.ROOT);
        String summary = f.summary().length() > MAX_SUMMARY ? f.summary().substring(0, MAX_SUMMARY) : f.summary();
        summary = summary.toLowerCase(Locale.ROOT);
        String[] tw = tokens(title);
        String[] sw = tokens(summary);
        Map<String, Double> out = new HashMap<>(4 * (tw.length * 3 + sw.length * 2) + 64);
        for (String t : tw) {
            out.put("t:" + t, 1.0);
        }
        if (tw.length > 0) {
            out.put("t0:" + tw[0], 1.0);
        }
        addWords(out, tw);
        addWords(out, sw);
        int text = out.size();
        double scale = text == 0 ? 0 : 3.0 / Math.sqrt(text);
        out.replaceAll((k, v) -> scale);
        structure(f, title, summary, sw.length, out);
        TopicLexicon.add(tw, sw, out);
        return out;
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

    private static void addWords(Map<String, Double> text, String[] tokens) {
        String prev = null;
        for (String t : tokens) {
            text.put("w:" + t, 1.0);
            if (prev != null) {
                text.put("b:" + prev + "_" + t, 1.0);
            }
            prev = t;
        }
    }

    private static void structure(ItemFeatures f, String title, String summary, int words, Map<String, Double> out) {
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
            out.put("s:arxiv", 1.0);
        }
        if (f.doi() != null) {
            out.put("s:doi", 1.0);
        }
        if (openreview) {
            out.put("s:openreview", 1.0);
        }
        if (paperHost) {
            out.put("s:paperlink", 1.0);
        }
        if (github) {
            out.put("s:github", 1.0);
        }
        int a = f.authors();
        out.put("s:authors=" + (a == 0 ? "0" : a == 1 ? "1" : a <= 3 ? "2-3" : a <= 6 ? "4-6" : "7+"), 1.0);
        out.put("s:hint=" + f.kindHint(), 1.0);
        String both = title + " " + summary;
        for (String p : PHRASES) {
            if (both.contains(p)) {
                out.put("s:phrase=" + p, 1.0);
            }
        }
        if (title.indexOf(": ") > 0) {
            out.put("s:title-colon", 1.0);
        }
        // the section of a paper host (arxiv.org/abs/...) says nothing the paper-link features do not
        if (!f.links().isEmpty() && !arxiv && !openreview && !paperHost) {
            String section = section(f.links().get(0));
            if (section != null) {
                out.put("s:section=" + section, 1.0);
            }
        }
        out.put("s:len=" + (words == 0 ? "0" : words <= 30 ? "1-30" : words <= 100 ? "31-100" : words <= 250 ? "101-250"
                : "250+"), 1.0);
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
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean word = i < s.length() && Character.isLetterOrDigit(s.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                if (i - start >= 2 && i - start <= 30) {
                    out.add(s.substring(start, i));
                }
                start = -1;
            }
        }
        return out.toArray(String[]::new);
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
