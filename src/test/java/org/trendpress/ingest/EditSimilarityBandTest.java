package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The banded edit similarity gives the full table's answer whenever it reaches the threshold, else 0. */
class EditSimilarityBandTest {

    /** The full table: TitleMatch.editSimilarity at its own threshold (0.92), else the same algorithm at {@code min}. */
    private static double expected(String a, String b, double min) {
        double full = min == 0.92 ? TitleMatch.editSimilarity(a, b) : levenshteinSimilarity(a, b, min);
        return full >= min ? full : 0;
    }

    private static double levenshteinSimilarity(String a, String b, double min) {
        int max = Math.max(a.length(), b.length());
        if (max == 0) {
            return 1;
        }
        if (Math.abs(a.length() - b.length()) > max * (1 - min)) {
            return 1 - (double) Math.abs(a.length() - b.length()) / max; // editSimilarity's shortcut
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                d[i][j] = Math.min(d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1),
                        Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return 1 - (double) d[a.length()][b.length()] / max;
    }

    @Test
    void sameAnswerAsTheFullTableOnNearAndFarStrings() {
        Random r = new Random(11);
        double[] thresholds = {0.92, 0.5, 0.8, 0.99, 1.0, 0.0};
        for (int i = 0; i < 100_000; i++) {
            String a = random(r, r.nextInt(70));
            String b = r.nextInt(3) == 0 ? random(r, r.nextInt(70)) : mutate(r, a, r.nextInt(8));
            double min = thresholds[i % thresholds.length];
            assertThat(TitleMatch.editSimilarityAtLeast(a, b, min)).as("%s | %s | %s", a, b, min)
                    .isEqualTo(expected(a, b, min));
        }
    }

    @Test
    void edgeCases() {
        assertThat(TitleMatch.editSimilarityAtLeast("", "", 0.92)).isEqualTo(1.0);
        assertThat(TitleMatch.editSimilarityAtLeast("", "abc", 0.92)).isEqualTo(0.0);
        assertThat(TitleMatch.editSimilarityAtLeast("attentionisallyouneed", "attentionisallyouneed", 0.92)).isEqualTo(1.0);
        // one substitution in 25 characters: 0.96, at or past 0.92
        String a = "abcdefghijklmnopqrstuvwxy";
        String b = "abcdefghijklmXopqrstuvwxy";
        assertThat(TitleMatch.editSimilarityAtLeast(a, b, 0.92)).isEqualTo(TitleMatch.editSimilarity(a, b)).isEqualTo(0.96);
        // exactly at the threshold: two edits in 25 characters give 0.92
        String c = "abcdefghijklmXopqrstuvwxZ";
        assertThat(TitleMatch.editSimilarityAtLeast(a, c, 0.92)).isEqualTo(expected(a, c, 0.92));
    }

    private static String random(Random r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('a' + r.nextInt(4));
        }
        return new String(c);
    }

    private static String mutate(Random r, String s, int edits) {
        StringBuilder sb = new StringBuilder(s);
        for (int e = 0; e < edits; e++) {
            int op = r.nextInt(3);
            int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
            if (op == 0 || sb.length() == 0) {
                sb.insert(at, (char) ('a' + r.nextInt(4)));
            } else if (op == 1) {
                sb.deleteCharAt(at);
            } else {
                sb.setCharAt(at, (char) ('a' + r.nextInt(4)));
            }
        }
        return sb.toString();
    }
}
