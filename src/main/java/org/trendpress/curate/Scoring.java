package org.trendpress.curate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The explainable ranking. Every term that adds to a score also adds its reason, so the editor
 * sees why a candidate is where it is ("3 sources · 143 upvotes · ★ 1.2k · code · new this week
 * · topic: vision").
 *
 * <p>All the weights live here. Counts are log-scaled (ln(1 + n), sources log2(1 + n)), so one
 * viral signal cannot drown the others: 1,000 upvotes add about as much as three more sources.
 *
 * <pre>
 * research = (W_SOURCES·log2(1+sources) + W_UPVOTES·ln(1+upvotes) + W_STARS·ln(1+stars)
 *             + W_COMMENTS·ln(1+comments) + W_CODE·[code] + W_RECENCY·recency) × source weight
 * news     = (W_NEWS_BASE + W_COVERAGE·log2(sources) + W_RECENCY·recency) × source weight
 * </pre>
 *
 * recency runs from 0 at the window's start to 1 at its end (a later item is fresher when the
 * issue goes out); the source weight is the highest editor-set weight among the sources that saw
 * the work (1 = neutral, values ≤ 0 or missing count as 1). Then {@link #diversify} re-ranks the
 * research top ten for topic diversity.
 */
final class Scoring {

    /** Per doubling of the distinct sources that saw the work (1 source = 3, 3 sources = 6). */
    static final double W_SOURCES = 3.0;
    /** Per e-fold of Hugging Face upvotes (143 upvotes ≈ 5). */
    static final double W_UPVOTES = 1.0;
    /** Per e-fold of GitHub stars (1,200 stars ≈ 4.3). */
    static final double W_STARS = 0.6;
    /** Per e-fold of comments at the sources (Hugging Face discussions). */
    static final double W_COMMENTS = 0.25;
    /** Code available. */
    static final double W_CODE = 1.5;
    /** Published at the window's end rather than its start. */
    static final double W_RECENCY = 1.0;
    /** Every news story's base. */
    static final double W_NEWS_BASE = 1.0;
    /** Per doubling of the outlets that covered a news event (1 outlet = 0, 4 outlets = 4). */
    static final double W_COVERAGE = 2.0;
    /** "new this week": published within this of the window's end (or of now, while the month runs). */
    static final Duration NEW_THIS_WEEK = Duration.ofDays(7);
    /** Topic diversity applies to this many top positions. */
    static final int DIVERSITY_TOP = 10;
    /** Papers of one main topic allowed in the top ten before the discount starts. */
    static final int DIVERSITY_FREE = 2;
    /** Score factor per further paper of the same main topic ranked above. */
    static final double DIVERSITY_DISCOUNT = 0.85;

    private Scoring() {}

    /** What the ranking knows about a paper. {@code topic} is its main topic code, or null. */
    record Signals(int mentions, int upvotes, int stars, int comments, boolean code, Instant published,
            double sourceWeight, String topic) {}

    /** The draft's window and the ranking's "now". */
    record Window(Instant start, Instant end, Instant now) {}

    static Score research(int mentions, int upvotes, int stars, boolean code, Instant published, Instant windowStart,
            Instant windowEnd, double sourceWeight) {
        return research(new Signals(mentions, upvotes, stars, 0, code, published, sourceWeight, null),
                new Window(windowStart, windowEnd, windowEnd));
    }

    static Score research(Signals s, Window w) {
        List<String> reasons = new ArrayList<>();
        int sources = Math.max(1, s.mentions());
        double score = W_SOURCES * log2(1 + sources);
        reasons.add(sources == 1 ? "1 source" : sources + " sources");
        if (s.upvotes() > 0) {
            score += W_UPVOTES * Math.log1p(s.upvotes());
            reasons.add(s.upvotes() == 1 ? "1 upvote" : s.upvotes() + " upvotes");
        }
        if (s.stars() > 0) {
            score += W_STARS * Math.log1p(s.stars());
            reasons.add("★ " + compact(s.stars()));
        }
        if (s.comments() > 0) {
            score += W_COMMENTS * Math.log1p(s.comments());
            reasons.add(s.comments() == 1 ? "1 comment" : s.comments() + " comments");
        }
        if (s.code()) {
            score += W_CODE;
            reasons.add("code");
        }
        score += W_RECENCY * recency(s.published(), w.start(), w.end());
        if (newThisWeek(s.published(), w)) {
            reasons.add("new this week");
        }
        double weight = weight(s.sourceWeight());
        if (weight != 1.0) {
            reasons.add("source weight " + trim(weight));
        }
        return new Score(round(score * weight), String.join(" · ", reasons));
    }

    /**
     * A news event: {@code sources} distinct outlets covered it, the best of them weighs
     * {@code sourceWeight}, its lead story appeared at {@code published}.
     */
    static Score news(double sourceWeight, int sources, Instant published, Window w) {
        List<String> reasons = new ArrayList<>();
        int n = Math.max(1, sources);
        double score = W_NEWS_BASE + W_COVERAGE * log2(n) + W_RECENCY * recency(published, w.start(), w.end());
        reasons.add(n == 1 ? "1 source" : n + " sources");
        if (newThisWeek(published, w)) {
            reasons.add("new this week");
        }
        double weight = weight(sourceWeight);
        if (weight != 1.0) {
            reasons.add("source weight " + trim(weight));
        }
        return new Score(round(score * weight), String.join(" · ", reasons));
    }

    static Score news(double sourceWeight, Instant published, Instant windowStart, Instant windowEnd) {
        return news(sourceWeight, 1, published, new Window(windowStart, windowEnd, windowEnd));
    }

    /** A research candidate before the diversity re-rank. */
    record Ranked<K>(K key, Score score, String topic) {}

    /**
     * Greedy re-rank for topic diversity: fills the top {@value #DIVERSITY_TOP} one position at a
     * time with the paper of highest effective score, where a paper whose main topic already
     * appears k ≥ {@value #DIVERSITY_FREE} times above it counts
     * {@code DIVERSITY_DISCOUNT^(k - DIVERSITY_FREE + 1)} of its score (the first two papers of a
     * topic are free, the third counts 0.85, the fourth 0.72, ...). Papers below the top ten keep the discount their topic's count in the top ten
     * gives them, so the stored scores stay in rank order. Adds "topic: x" to each paper's reasons,
     * and the discount when one applied. Returns the papers in their new order.
     */
    static <K> List<Ranked<K>> diversify(List<Ranked<K>> papers) {
        List<Ranked<K>> pool = new LinkedList<>(papers);
        pool.sort((a, b) -> Double.compare(b.score().value(), a.score().value()));
        Map<String, Integer> above = new HashMap<>();
        List<Ranked<K>> out = new ArrayList<>();
        while (!pool.isEmpty() && out.size() < DIVERSITY_TOP) {
            Ranked<K> best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (Ranked<K> r : pool) {
                double v = r.score().value() * factor(r.topic(), above);
                if (v > bestValue) {
                    best = r;
                    bestValue = v;
                }
            }
            pool.remove(best);
            out.add(discounted(best, above));
            if (best.topic() != null) {
                above.merge(best.topic(), 1, Integer::sum);
            }
        }
        List<Ranked<K>> rest = new ArrayList<>();
        for (Ranked<K> r : pool) {
            rest.add(discounted(r, above));
        }
        rest.sort((a, b) -> Double.compare(b.score().value(), a.score().value()));
        out.addAll(rest);
        return out;
    }

    private static double factor(String topic, Map<String, Integer> above) {
        int k = topic == null ? 0 : above.getOrDefault(topic, 0);
        return k < DIVERSITY_FREE ? 1.0 : Math.pow(DIVERSITY_DISCOUNT, k - DIVERSITY_FREE + 1);
    }

    private static <K> Ranked<K> discounted(Ranked<K> r, Map<String, Integer> above) {
        if (r.topic() == null) {
            return r;
        }
        double f = factor(r.topic(), above);
        String reasons = r.score().reasons() + " · topic: " + r.topic();
        if (f < 1.0) {
            int k = above.get(r.topic());
            reasons += String.format(Locale.ROOT, " (×%.2f for diversity: %d %s papers above)", f, k, r.topic());
        }
        return new Ranked<>(r.key(), new Score(round(r.score().value() * f), reasons), r.topic());
    }

    /** 0 at the window's start, 1 at its end: later items are fresher when the issue goes out. */
    static double recency(Instant published, Instant start, Instant end) {
        long total = Duration.between(start, end).toSeconds();
        long in = Duration.between(start, published).toSeconds();
        if (total <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, (double) in / total));
    }

    static boolean newThisWeek(Instant published, Window w) {
        Instant ref = w.now() != null && w.now().isBefore(w.end()) ? w.now() : w.end();
        return !published.isBefore(ref.minus(NEW_THIS_WEEK)) && !published.isAfter(ref);
    }

    /** 950 → "950", 1234 → "1.2k", 15400 → "15k". */
    static String compact(int n) {
        if (n < 1000) {
            return String.valueOf(n);
        }
        if (n < 10_000) {
            String s = String.format(Locale.ROOT, "%.1f", n / 1000.0);
            return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "k";
        }
        return Math.round(n / 1000.0) + "k";
    }

    private static double weight(double w) {
        return w > 0 && !Double.isNaN(w) ? w : 1.0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
