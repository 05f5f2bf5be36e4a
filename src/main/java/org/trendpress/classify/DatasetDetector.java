package org.trendpress.classify;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises papers that introduce a dataset or a benchmark, from their title and abstract, and
 * drafts a one-sentence TL;DR for the Datasets &amp; Benchmarks list. Rules, not a model: each one
 * is a wording authors use when the dataset is their contribution ("we introduce X, a benchmark",
 * "a new dataset", "FooBench", "a corpus of 2M documents"), not when they merely evaluate on one
 * ("results on three benchmarks").
 */
public final class DatasetDetector {

    private static final String NOUN = "(benchmark|dataset|data set|corpus|corpora|test ?suite|testbed|leaderboard)";
    /** "SWE-Bench", "MathBench", "LongBench-v2" in the title. */
    private static final Pattern TITLE_BENCH = Pattern.compile("\\b[A-Za-z0-9]+-?Bench(mark)?\\b");
    /**
     * "A Benchmark for ...", "X: A Large-Scale Dataset of ...", "X: Multilingual Corpus for ...",
     * "Benchmarking agents ...": the noun heads the title or its part after a colon.
     */
    private static final Pattern TITLE_NOUN = Pattern.compile("(?i)(?:^|:\\s*)(?:"
            + "(?:a|an|the)\\s+(?:[\\w-]+\\s+){0,3}?" + NOUN + "s?\\b"
            + "|(?:[\\w-]+\\s+){0,2}?" + NOUN + "s?\\s+(?:for|of)\\b"
            + "|benchmarking\\b())");
    private static final Pattern TITLE_GAP = Pattern.compile("(?i)\\b(?:of|on|in|with|to|from|by|via|using)\\s+\\S+");
    /** "we introduce/present/release ... <noun>", the words between checked separately. */
    private static final String VERB = "(?:introduce|present|release|propose|construct|curate|build|collect|create"
            + "|contribute|open-source)";
    private static final Pattern WE_INTRODUCE = Pattern.compile("(?i)\\bwe\\s+" + VERB + "(?:\\s+and\\s+" + VERB + ")?"
            + "\\s+((?:[\\w-]+,?\\s+){0,8}?)" + NOUN + "s?\\b");
    /** Words that show the noun is not the thing introduced ("a method that does well on benchmarks"). */
    private static final Set<String> BREAKS = Set.of("on", "across", "using", "with", "that", "which", "to", "by", "via",
            "from", "over", "against", "method", "model", "approach", "framework", "algorithm", "technique",
            "results", "evaluate", "evaluated", "achieves", "outperforms", "and");
    private static final Pattern OTHER_CUES = Pattern.compile("(?i)\\b(?:a|an)\\s+new\\s+(?:large-scale\\s+|open\\s+)?"
            + NOUN + "\\b|\\b(?:corpus|dataset|collection) (?:of|with|containing|comprising) (?:over |more than |about "
            + "|nearly )?[\\d][\\d,.]*\\s*(?:k|m|million|billion|thousand)?\\b"
            + "|\\b(?:our|the) (?:new )?" + NOUN + " (?:is|are|will be) (?:publicly |freely )?(?:available|released)");

    /** An arXiv comment or journal reference naming a datasets-and-benchmarks track. */
    private static final Pattern TRACK = Pattern.compile("(?i)\\bdatasets? (?:and|&) benchmarks?\\b");

    private DatasetDetector() {}

    /** As {@link #detect(String, String)}, also reading the arXiv comment (a datasets-and-benchmarks track). */
    public static Optional<String> detect(String title, String abstractText, String comment) {
        Optional<String> found = detect(title, abstractText);
        if (found.isEmpty() && comment != null && TRACK.matcher(comment).find()) {
            return Optional.of("datasets and benchmarks track");
        }
        return found;
    }

    /** Why the paper is taken to introduce a dataset or benchmark ("introduces a benchmark"), or empty. */
    public static Optional<String> detect(String title, String abstractText) {
        String t = title == null ? "" : title.strip();
        if (TITLE_BENCH.matcher(t).find()) {
            return Optional.of("introduces a benchmark");
        }
        Matcher m = TITLE_NOUN.matcher(t);
        while (m.find()) {
            if (TITLE_GAP.matcher(m.group()).find()) {
                continue; // "The Effect of Dataset Size": the noun is not what the paper introduces
            }
            String noun = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "benchmark";
            return Optional.of(reason(noun));
        }
        String a = abstractText == null ? "" : abstractText;
        Optional<String> noun = introduced(a);
        if (noun.isPresent()) {
            return noun.map(DatasetDetector::reason);
        }
        Matcher o = OTHER_CUES.matcher(a);
        if (o.find()) {
            String found = o.group().toLowerCase(Locale.ROOT);
            return Optional.of(reason(found.contains("bench") ? "benchmark" : "dataset"));
        }
        return Optional.empty();
    }

    public static boolean introducesDataset(String title, String abstractText) {
        return detect(title, abstractText).isPresent();
    }

    /**
     * A one-sentence TL;DR from the abstract: the sentence that introduces the dataset when there
     * is one, else the first sentence; at most {@code 300} characters. Null without an abstract.
     */
    public static String tldr(String title, String abstractText) {
        String a = stripArxivPrefix(abstractText);
        if (a.isEmpty()) {
            return title == null || title.isBlank() ? null : cap(title.strip());
        }
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(a);
        String first = null;
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String sentence = a.substring(start, end).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = sentence;
            }
            if (introduced(sentence).isPresent() || OTHER_CUES.matcher(sentence).find()) {
                return cap(sentence);
            }
        }
        return first == null ? null : cap(first);
    }

    private static Optional<String> introduced(String text) {
        Matcher m = WE_INTRODUCE.matcher(text);
        while (m.find()) {
            boolean clean = true;
            for (String w : m.group(1).toLowerCase(Locale.ROOT).split("[\\s,]+")) {
                if (BREAKS.contains(w)) {
                    clean = false;
                    break;
                }
            }
            if (clean) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    private static String reason(String noun) {
        String n = noun.toLowerCase(Locale.ROOT);
        if (n.contains("bench") || n.contains("suite") || n.contains("testbed") || n.contains("leaderboard")) {
            return "introduces a benchmark";
        }
        return n.startsWith("corp") ? "introduces a corpus" : "introduces a dataset";
    }

    private static String stripArxivPrefix(String text) {
        String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        int i = s.indexOf("Abstract:");
        if (s.startsWith("arXiv:") && i >= 0) {
            return s.substring(i + "Abstract:".length()).strip();
        }
        return s;
    }

    private static String cap(String s) {
        if (s.length() <= 300) {
            return s;
        }
        int cut = s.lastIndexOf(' ', 299);
        return s.substring(0, cut > 200 ? cut : 299).strip() + "…";
    }
}
