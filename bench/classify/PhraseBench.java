package org.trendpress.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The abstract-like phrases of {@link Features#PHRASES} found in a title and summary: {@link PhraseScan}
 * (one pass, an automaton) beside its peer, one {@code String.contains} per phrase over the joined
 * text (what the classifier did before round eleven of the ingest bench). Synthetic lower-cased
 * summaries of about 1,200 characters, like the ingest bench's; the median of 15 timed passes after
 * 5 untimed ones. Run with {@code bench/classify/run.sh --phrases}.
 */
public final class PhraseBench {

    private static final String[] WORDS = ("attention transformer sparse diffusion agent reasoning retrieval model models"
            + " training data learning the of and a to in for with on we our this paper work results show method approach"
            + " propose present introduce state art experiments experimental extensive outperforms benchmark dataset study"
            + " theoretical demonstrate scaling robust efficient language vision policy graph évaluation résumé").split(" ");

    public static void main(String[] args) {
        Random r = new Random(20261203);
        List<String[]> items = new ArrayList<>();
        long chars = 0;
        for (int i = 0; i < 2_000; i++) {
            String title = text(r, 8);
            String summary = text(r, 170);
            items.add(new String[] {title, summary});
            chars += summary.length();
        }
        PhraseScan scan = new PhraseScan(Features.PHRASES);
        long[] found = new long[2];
        List<Double> containsUs = new ArrayList<>();
        List<Double> scanUs = new ArrayList<>();
        for (int pass = 0; pass < 20; pass++) {
            long t0 = System.nanoTime();
            for (String[] it : items) {
                String both = it[0] + " " + it[1];
                for (String p : Features.PHRASES) {
                    if (both.contains(p)) {
                        found[0]++;
                    }
                }
            }
            long t1 = System.nanoTime();
            for (String[] it : items) {
                found[1] += Integer.bitCount(scan.find(it[0], ' ', it[1]));
            }
            long t2 = System.nanoTime();
            if (pass >= 5) {
                containsUs.add((t1 - t0) / 1e3 / items.size());
                scanUs.add((t2 - t1) / 1e3 / items.size());
            }
        }
        if (found[0] != found[1]) {
            throw new AssertionError("the two methods found different phrases: " + found[0] + " and " + found[1]);
        }
        double c = median(containsUs);
        double s = median(scanUs);
        System.out.printf("phrases in %d items (summaries of %d characters on average), median of 15 passes:%n",
                items.size(), chars / items.size());
        System.out.printf("  PhraseScan (one pass)               %6.2f us per item%n", s);
        System.out.printf("  21 x String.contains (the peer)     %6.2f us per item%n", c);
        System.out.printf("  PhraseScan is %.2fx the peer's speed (%d phrases found by each)%n", c / s, found[1]);
    }

    private static String text(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                b.append(r.nextInt(12) == 0 ? ". " : " ");
            }
            b.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
