package org.trendpress.classify;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Groups news stories that report one event: two stories belong together when they appeared
 * within {@link #WINDOW} of each other and the TF-IDF cosine similarity of their words (title
 * counted twice, then the start of the summary; English stemming and stop words) is at least
 * {@link #THRESHOLD}. Groups are the connected components of that relation (single link), so a
 * follow-up that resembles any story of an event joins it.
 */
public final class NewsEvents {

    /** How far apart in time two reports of one event can be. */
    public static final Duration WINDOW = Duration.ofDays(3);
    /** The least cosine similarity that makes two stories one event. */
    public static final double THRESHOLD = 0.3;
    /** How much of each summary counts: the lede carries the event, the rest drifts. */
    static final int SUMMARY_CHARS = 400;

    /** One story: an item's id, title, summary text and publication time. */
    public record Story(long id, String title, String summary, Instant publishedAt) {}

    private NewsEvents() {}

    /** The events among {@code stories}: each group lists its stories in input order; groups in the order of their first story. */
    public static List<List<Story>> group(List<Story> stories) {
        int n = stories.size();
        List<Map<String, Double>> vectors = vectors(stories);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Integer[] byTime = new Integer[n];
        for (int i = 0; i < n; i++) {
            byTime[i] = i;
        }
        java.util.Arrays.sort(byTime, Comparator.comparing(i -> stories.get(i).publishedAt()));
        for (int a = 0; a < n; a++) {
            Instant ta = stories.get(byTime[a]).publishedAt();
            for (int b = a + 1; b < n; b++) {
                Instant tb = stories.get(byTime[b]).publishedAt();
                if (Duration.between(ta, tb).compareTo(WINDOW) > 0) {
                    break;
                }
                if (cosine(vectors.get(byTime[a]), vectors.get(byTime[b])) >= THRESHOLD) {
                    union(parent, byTime[a], byTime[b]);
                }
            }
        }
        Map<Integer, List<Story>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(stories.get(i));
        }
        return new ArrayList<>(groups.values());
    }

    /** The cosine similarity of two stories' TF-IDF vectors, with document frequencies from {@code corpus}. */
    static double similarity(Story a, Story b, List<Story> corpus) {
        List<Story> all = new ArrayList<>(corpus);
        all.add(a);
        all.add(b);
        List<Map<String, Double>> v = vectors(all);
        return cosine(v.get(all.size() - 2), v.get(all.size() - 1));
    }

    private static List<Map<String, Double>> vectors(List<Story> stories) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        try (Analyzer analyzer = new EnglishAnalyzer()) {
            for (Story s : stories) {
                Map<String, Integer> tf = new HashMap<>();
                String title = s.title() == null ? "" : s.title();
                String summary = s.summary() == null ? "" : s.summary();
                if (summary.length() > SUMMARY_CHARS) {
                    summary = summary.substring(0, SUMMARY_CHARS);
                }
                for (String t : terms(analyzer, title)) {
                    tf.merge(t, 2, Integer::sum);
                }
                for (String t : terms(analyzer, summary)) {
                    tf.merge(t, 1, Integer::sum);
                }
                tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
                counts.add(tf);
            }
        }
        int n = stories.size();
        List<Map<String, Double>> vectors = new ArrayList<>();
        for (Map<String, Integer> tf : counts) {
            Map<String, Double> v = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                double idf = Math.log((n + 1.0) / (df.get(e.getKey()) + 1.0)) + 1.0;
                double w = (1 + Math.log(e.getValue())) * idf;
                v.put(e.getKey(), w);
                norm += w * w;
            }
            double len = Math.sqrt(norm);
            if (len > 0) {
                v.replaceAll((k, w) -> w / len);
            }
            vectors.add(v);
        }
        return vectors;
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 1) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double dot = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            Double w = large.get(e.getKey());
            if (w != null) {
                dot += e.getValue() * w;
            }
        }
        return dot;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
