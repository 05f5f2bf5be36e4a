package org.trendpress.classify;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Figures on the held-out split: accuracy, per-class precision, recall and F1, and the confusion
 * matrix of the kind model; news-versus-research accuracy and research recall on real lab-blog and
 * news items; per-topic figures and macro-F1 of the topic model on arXiv items.
 */
public final class Evaluation {

    /** The headline figures (the targets are on these). */
    public record Summary(double kindAccuracy, double newsVsResearchAccuracy, double researchRecall, int realItems,
            double topicMacroF1, int arxivItems, double topicMacroF1CrossValidated) {}

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
        return new Summary(acc, nvr, recall, real.size(), macro, arxiv.size(), Double.NaN);
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
        int[][] counts = new int[Topic.values().length][3]; // tp, fp, fn
        for (LabeledExample e : examples) {
            Set<Topic> predicted = java.util.EnumSet.noneOf(Topic.class);
            classifier.modelTopics(Features.of(e.features())).forEach(s -> predicted.add(s.topic()));
            count(predicted, e.topics(), counts);
        }
        double macro = topicTable(counts, "held-out", out);
        out.printf(Locale.ROOT, "topic macro-F1: %.4f over %d topics with support (target >= 0.85; THE TARGET FIGURE)   micro-F1: %.4f   items: %d%n",
                macro, withSupport(counts, 1), microF1(counts), examples.size());
        out.printf(Locale.ROOT, "topic macro-F1 over the %d topics with >= %d held-out items: %.4f (a second figure, not the target)%n",
                withSupport(counts, MIN_SUPPORT), MIN_SUPPORT, macroF1(counts, MIN_SUPPORT));
        List<String> small = smallTopics(counts);
        if (!small.isEmpty()) {
            out.printf(Locale.ROOT, "note: %d topics have fewer than %d held-out items (%s); their F1 swings by whole points per item%n",
                    small.size(), MIN_SUPPORT, String.join(", ", small));
        }
        return macro;
    }

    /** Folds of the cross-validation: the title-hash buckets of {@link Split}. */
    static final int FOLDS = Split.BUCKETS;

    /**
     * A second, steadier figure for the topic model, printed beside the held-out one and never
     * instead of it: {@link #FOLDS}-fold cross-validation over every topic-labelled example
     * (training and held-out parts alike). Fold {@code k} is title-hash bucket {@code k} (fold 0
     * is the held-out split); for each fold a topic model is trained exactly as the shipped one is
     * ({@link Trainer#topicModel}: thresholds chosen on the next bucket, a part of that fold's
     * training data), on all other folds, and evaluated on the fold's arXiv items. Every arXiv
     * item is thus evaluated once, by a model that never saw it; counts are pooled over the folds.
     * It measures the training procedure, not the shipped model file.
     */
    public static double topicCrossValidation(List<LabeledExample> examples, PrintWriter out) {
        List<LabeledExample> topics = examples.stream().filter(e -> e.topics() != null && !e.topics().isEmpty()).toList();
        int[][] counts = new int[Topic.values().length][3];
        int items = 0;
        Trainer trainer = new Trainer();
        for (int k = 0; k < FOLDS; k++) {
            final int fold = k;
            List<LabeledExample> train = topics.stream().filter(e -> e.origin().equals("correction")
                    || Split.bucket(e.features().title()) != fold).toList();
            List<LabeledExample> test = topics.stream().filter(e -> !e.origin().equals("correction")
                    && SharedCorpus.ARXIV.contains(e.origin()) && Split.bucket(e.features().title()) == fold).toList();
            LinearModel m = trainer.topicModel(train, (fold + 1) % FOLDS);
            for (LabeledExample e : test) {
                Set<Topic> predicted = java.util.EnumSet.noneOf(Topic.class);
                Classifier.modelTopics(m, Features.of(e.features())).forEach(s -> predicted.add(s.topic()));
                count(predicted, e.topics(), counts);
            }
            items += test.size();
        }
        double macro = topicTable(counts, "cross-validated", out);
        out.printf(Locale.ROOT, "topic macro-F1, %d-fold cross-validation: %.4f over %d topics with support (not the target figure)   micro-F1: %.4f   items: %d%n",
                FOLDS, macro, withSupport(counts, 1), microF1(counts), items);
        out.printf(Locale.ROOT, "topic macro-F1, %d-fold cross-validation, over the %d topics with >= %d items: %.4f%n",
                FOLDS, withSupport(counts, MIN_SUPPORT), MIN_SUPPORT, macroF1(counts, MIN_SUPPORT));
        return macro;
    }

    static void count(Set<Topic> predicted, Set<Topic> truth, int[][] counts) {
        for (Topic t : Topic.values()) {
            boolean p = predicted.contains(t);
            boolean r = truth.contains(t);
            int[] c = counts[t.ordinal()];
            c[0] += p && r ? 1 : 0;
            c[1] += p && !r ? 1 : 0;
            c[2] += !p && r ? 1 : 0;
        }
    }

    /** Prints per-topic precision, recall, F1 and support; returns the macro-F1 over topics with support. */
    private static double topicTable(int[][] counts, String what, PrintWriter out) {
        out.printf(Locale.ROOT, "%-16s %9s %9s %9s %8s%n", "topic", "precision", "recall", "f1", "support");
        for (Topic t : Topic.values()) {
            int[] c = counts[t.ordinal()];
            int support = c[0] + c[2];
            String note = support == 0 ? "  (no " + what + " support: left out of macro-F1)"
                    : support < MIN_SUPPORT ? "  (fewer than " + MIN_SUPPORT + " " + what + " items: F1 is noise)" : "";
            out.printf(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f %8d%s%n", t.code(), ratio(c[0], c[0] + c[1]),
                    ratio(c[0], support), f1(c[0], c[1], c[2]), support, note);
        }
        return macroF1(counts, 1);
    }

    /** Macro-F1 over the topics with at least {@code minSupport} items. */
    static double macroF1(int[][] counts, int minSupport) {
        double sum = 0;
        int n = 0;
        for (int[] c : counts) {
            if (c[0] + c[2] >= Math.max(1, minSupport)) {
                sum += f1(c[0], c[1], c[2]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int withSupport(int[][] counts, int minSupport) {
        int n = 0;
        for (int[] c : counts) {
            n += c[0] + c[2] >= minSupport ? 1 : 0;
        }
        return n;
    }

    private static double microF1(int[][] counts) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int[] c : counts) {
            tp += c[0];
            fp += c[1];
            fn += c[2];
        }
        return f1(tp, fp, fn);
    }

    private static List<String> smallTopics(int[][] counts) {
        List<String> small = new java.util.ArrayList<>();
        for (Topic t : Topic.values()) {
            int support = counts[t.ordinal()][0] + counts[t.ordinal()][2];
            if (support > 0 && support < MIN_SUPPORT) {
                small.add(t.code() + " " + support);
            }
        }
        return small;
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
