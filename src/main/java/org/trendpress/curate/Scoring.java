package org.trendpress.curate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The first, explainable ranking. Every term that adds to a score also adds its reason, so the
 * editor sees why a candidate is where it is.
 */
final class Scoring {

    private Scoring() {}

    static Score research(int mentions, int upvotes, int stars, boolean code, Instant published, Instant windowStart,
            Instant windowEnd, double sourceWeight) {
        return research(mentions, upvotes, stars, 0, code, published, windowStart, windowEnd, sourceWeight);
    }

    /** As above, with the comments the work drew at its sources (Hugging Face discussions). */
    static Score research(int mentions, int upvotes, int stars, int comments, boolean code, Instant published,
            Instant windowStart, Instant windowEnd, double sourceWeight) {
        List<String> reasons = new ArrayList<>();
        double score = 0;
        int sources = Math.max(1, mentions);
        score += 2.0 * sources;
        reasons.add(sources == 1 ? "1 source" : sources + " sources");
        if (upvotes > 0) {
            score += Math.log1p(upvotes);
            reasons.add(upvotes + " upvotes");
        }
        if (stars > 0) {
            score += 0.5 * Math.log1p(stars);
            reasons.add(stars + " stars");
        }
        if (comments > 0) {
            score += 0.25 * Math.log1p(comments);
            reasons.add(comments == 1 ? "1 comment" : comments + " comments");
        }
        if (code) {
            score += 1.0;
            reasons.add("code");
        }
        score += recency(published, windowStart, windowEnd);
        double weight = sourceWeight > 0 ? sourceWeight : 1.0;
        if (weight != 1.0) {
            reasons.add("source weight " + trim(weight));
        }
        return new Score(round(score * weight), String.join(" · ", reasons));
    }

    static Score news(double sourceWeight, Instant published, Instant windowStart, Instant windowEnd) {
        double weight = sourceWeight > 0 ? sourceWeight : 1.0;
        double score = (1.0 + recency(published, windowStart, windowEnd)) * weight;
        String reasons = weight == 1.0 ? "news" : "news · source weight " + trim(weight);
        return new Score(round(score), reasons);
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

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
