package org.trendpress.classify;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Figures on the held-out split: accuracy, per-class precision, recall and F1, and the confusion
 * matrix of the kind model; news-versus-research accuracy and research recall on real lab-blog and
 * news items; per-topic figures and macro-F1 of the topic model on arXiv items.
 */
public final class Evaluation {

    /** The headline figures (the targets are on these). */
    public record Summary(double kindAccuracy, double newsVsResearchAccuracy, double researchRecall, int realItems,
            double topicMacroF1, int arxivItems) {}

    /** Topics with fewer held-out items than this get a warning and are left out of the second macro-F1. */
    static final int MIN_SUPPORT = 10;

    private Evaluation() {}

    public static Summary run(Classifier classifier, List<LabeledExample> heldOut, PrintWriter out) {
        List<LabeledExample> real = heldOut.stream().filter(e -> e.kind() != null
                && SharedCorpus.REAL_FEEDS.contains(e.origin())).toList();
        List<LabeledExample> allKinds = heldOut.stream().filter(e -> e.kind() != null).toList();
        out.printf(Locale.ROOT, "held-out examples: %d (kind %d, of which real lab-blog/news %d; topics %d)%n",
                heldOut.size(), allKinds.size(), real.size(),
                heldOut.stream().filter(e -> e.topics() != null && SharedCorpus.ARXIV.contains(e.origin())).count());
        out.println();
        out.println("== kind, held-out real lab-blog and news items ==");
        double acc = kindReport(classifier, real, out);
        // news versus research: items labelled news or research; predicting anything but research counts as "not research"
        int n = 0;
        int right = 0;
        int research = 0;
        int found = 0;
        for (LabeledExample e : real) {
            if (e.kind() == Kind.OTHER) {
                continue;
            }
            boolean predicted = classifier.classify(e.features()).kind() == Kind.RESEARCH;
            boolean truth = e.kind() == Kind.RESEARCH;
            n++;
            right += predicted == truth ? 1 : 0;
            research += truth ? 1 : 0;
            found += truth && predicted ? 1 : 0;
        }
        double nvr = n == 0 ? Double.NaN : right / (double) n;
        double recall = research == 0 ? Double.NaN : found / (double) research;
        out.printf(Locale.ROOT, "news-vs-research accuracy: %.4f (%d/%d)   research recall: %.4f (%d/%d)   targets: >= 0.97, >= 0.90%n",
                nvr, right, n, recall, found, research);
        out.println();
        out.println("== kind, all held-out items (incl. AG News, weakly labelled sets, arXiv) ==");
        double accAll = kindReport(classifier, allKinds, out);
        out.println();
        out.println("== topics (model only, arXiv categories hidden), held-out arXiv items ==");
        List<LabeledExample> arxiv = heldOut.stream().filter(e -> e.topics() != null
                && SharedCorpus.ARXIV.contains(e.origin())).toList();
        double macro = topicReport(classifier, arxiv, out);
        return new Summary(acc, nvr, recall, real.size(), macro, arxiv.size());
    }

    private static double kindReport(Classifier classifier, List<LabeledExample> examples, PrintWriter out) {
        Kind[] kinds = Kind.values();
        int[][] m = new int[kinds.length][kinds.length];
        for (LabeledExample e : examples) {
            m[e.kind().ordinal()][classifier.classify(e.features()).kind().ordinal()]++;
        }
        int right = 0;
        for (int i = 0; i < kinds.length; i++) {
            right += m[i][i];
        }
        double acc = examples.isEmpty() ? Double.NaN : right / (double) examples.size();
        out.printf(Locale.ROOT, "accuracy: %.4f (%d/%d)%n", acc, right, examples.size());
        out.printf(Locale.ROOT, "%-10s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support");
        for (int i = 0; i < kinds.length; i++) {
            int tp = m[i][i];
            int fp = 0;
            int fn = 0;
            for (int j = 0; j < kinds.length; j++) {
                fp += j == i ? 0 : m[j][i];
                fn += j == i ? 0 : m[i][j];
            }
            out.printf(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %8d%n", kinds[i].code(), ratio(tp, tp + fp), ratio(tp, tp + fn),
                    f1(tp, fp, fn), tp + fn);
        }
        out.println("confusion (rows: true, columns: predicted)");
        out.printf(Locale.ROOT, "%-10s", "");
        for (Kind k : kinds) {
            out.printf(Locale.ROOT, " %9s", k.code());
        }
        out.println();
        for (int i = 0; i < kinds.length; i++) {
            out.printf(Locale.ROOT, "%-10s", kinds[i].code());
            for (int j = 0; j < kinds.length; j++) {
                out.printf(Locale.ROOT, " %9d", m[i][j]);
            }
            out.println();
        }
        return acc;
    }

    private static double topicReport(Classifier classifier, List<LabeledExample> examples, PrintWriter out) {
        Map<Topic, int[]> counts = new TreeMap<>(); // tp, fp, fn
        for (Topic t : Topic.values()) {
            counts.put(t, new int[3]);
        }
        for (LabeledExample e : examples) {
            Set<Topic> predicted = new java.util.HashSet<>();
            classifier.modelTopics(Features.of(e.features())).forEach(s -> predicted.add(s.topic()));
            for (Topic t : Topic.values()) {
                boolean p = predicted.contains(t);
                boolean truth = e.topics().contains(t);
                int[] c = counts.get(t);
                c[0] += p && truth ? 1 : 0;
                c[1] += p && !truth ? 1 : 0;
                c[2] += !p && truth ? 1 : 0;
            }
        }
        out.printf(Locale.ROOT, "%-16s %9s %9s %9s %8s%n", "topic", "precision", "recall", "f1", "support");
        double sum = 0;
        int with = 0;
        double sumLarge = 0;
        int large = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<String> small = new java.util.ArrayList<>();
        for (Map.Entry<Topic, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            int support = c[0] + c[2];
            tp += c[0];
            fp += c[1];
            fn += c[2];
            String note = support == 0 ? "  (no held-out support: left out of macro-F1)"
                    : support < MIN_SUPPORT ? "  (fewer than " + MIN_SUPPORT + " held-out items: F1 is noise)" : "";
            out.printf(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f %8d%s%n", e.getKey().code(), ratio(c[0], c[0] + c[1]),
                    ratio(c[0], support), f1(c[0], c[1], c[2]), support, note);
            if (support > 0) {
                sum += f1(c[0], c[1], c[2]);
                with++;
                if (support >= MIN_SUPPORT) {
                    sumLarge += f1(c[0], c[1], c[2]);
                    large++;
                } else {
                    small.add(e.getKey().code() + " " + support);
                }
            }
        }
        double macro = with == 0 ? Double.NaN : sum / with;
        out.printf(Locale.ROOT, "topic macro-F1: %.4f over %d topics with support (target >= 0.85)   micro-F1: %.4f   items: %d%n",
                macro, with, f1(tp, fp, fn), examples.size());
        out.printf(Locale.ROOT, "topic macro-F1 over the %d topics with >= %d held-out items: %.4f (a second figure, not the target)%n",
                large, MIN_SUPPORT, large == 0 ? Double.NaN : sumLarge / large);
        if (!small.isEmpty()) {
            out.printf(Locale.ROOT, "note: %d topics have fewer than %d held-out items (%s); their F1 swings by whole points per item%n",
                    small.size(), MIN_SUPPORT, String.join(", ", small));
        }
        return macro;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }

    private static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    static <T> long count(List<T> l, Predicate<T> p) {
        return l.stream().filter(p).count();
    }
}
