package org.trendpress.classify;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the kind model (news, research, other: multinomial logistic regression) and the topic
 * model (one logistic regression per topic, one-vs-rest) with Tribuo's linear SGD trainer, and
 * exports their weights as {@link LinearModel}s. Deterministic: examples sorted by id, a fixed
 * seed, features kept in name order; the same examples always give the same model bytes.
 */
public final class Trainer {

    /** Seed of every SGD run. */
    static final long SEED = 20261123L;
    static final int EPOCHS = 8;
    /** A word or bigram must occur in this many training examples to become a feature. */
    static final int MIN_DOCS = 2;
    /** Weights smaller than this (in every label) are dropped from the file. */
    static final float PRUNE = 1e-3f;

    /** Real lab-blog and news items weigh more: they are the items the kind model meets at run time. */
    static final double REAL_WEIGHT = 3.0;

    private static final String YES = "yes";
    private static final String NO = "no";

    /** The two trained models. */
    public record Models(byte[] kind, byte[] topic, int kindExamples, int topicExamples) {}

    public Models train(List<LabeledExample> examples) {
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        List<LabeledExample> sorted = new ArrayList<>(examples);
        sorted.sort(Comparator.comparing(LabeledExample::id));
        List<LabeledExample> kinds = sorted.stream().filter(e -> e.kind() != null).toList();
        List<LabeledExample> topics = sorted.stream().filter(e -> e.topics() != null && !e.topics().isEmpty()).toList();
        if (kinds.isEmpty()) {
            throw new ClassifyException("no kind-labelled examples to train on");
        }
        if (topics.isEmpty()) {
            throw new ClassifyException("no topic-labelled examples to train on");
        }
        LinearModel kind = trainKind(kinds);
        LinearModel topic = trainTopics(topics);
        return new Models(kind.toBytes(), topic.toBytes(), kinds.size(), topics.size());
    }

    private LinearModel trainKind(List<LabeledExample> examples) {
        List<Map<String, Double>> feats = features(examples);
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        examples.forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
        List<String> labels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (LabeledExample e : examples) {
            labels.add(e.kind().code());
            // classes weigh alike in the loss, however many examples each has
            double domain = SharedCorpus.REAL_FEEDS.contains(e.origin()) ? REAL_WEIGHT : 1.0;
            weights.add(domain * examples.size() / (double) (counts.size() * counts.get(e.kind())));
        }
        LinearSGDModel m = fit(feats, labels, weights);
        return export(m, true, Kind.values().length, null);
    }

    private LinearModel trainTopics(List<LabeledExample> examples) {
        List<Map<String, Double>> feats = features(examples);
        Topic[] all = Topic.values();
        String[] labels = new String[all.length];
        float[] bias = new float[all.length];
        Map<String, float[]> weights = new TreeMap<>();
        for (int t = 0; t < all.length; t++) {
            Topic topic = all[t];
            labels[t] = topic.code();
            long pos = examples.stream().filter(e -> e.topics().contains(topic)).count();
            if (pos == 0) {
                bias[t] = -8f; // never seen: never predicted
                continue;
            }
            List<String> y = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            for (LabeledExample e : examples) {
                boolean has = e.topics().contains(topic);
                y.add(has ? YES : NO);
                // positives weigh up to 5 times more when rare, so small topics are learnt at all
                double up = Math.min(5.0, Math.max(1.0, (examples.size() - pos) / (double) pos / 2));
                w.add(has ? up : 1.0);
            }
            LinearSGDModel m = fit(feats, y, w);
            LinearModel binary = export(m, true, 2, new String[] {NO, YES});
            bias[t] = binary.bias[1] - binary.bias[0];
            for (Map.Entry<String, float[]> e : binary.weights.entrySet()) {
                weights.computeIfAbsent(e.getKey(), k -> new float[all.length])[t] = e.getValue()[1] - e.getValue()[0];
            }
        }
        weights.values().removeIf(Trainer::tiny);
        return new LinearModel(false, labels, bias, weights);
    }

    /** Features of each example, keeping words and bigrams seen in at least {@link #MIN_DOCS} examples. */
    static List<Map<String, Double>> features(List<LabeledExample> examples) {
        List<Map<String, Double>> raw = examples.stream().map(e -> Features.of(e.features())).toList();
        Map<String, Integer> docs = new HashMap<>();
        raw.forEach(f -> f.keySet().forEach(k -> docs.merge(k, 1, Integer::sum)));
        List<Map<String, Double>> out = new ArrayList<>(raw.size());
        for (Map<String, Double> f : raw) {
            Map<String, Double> kept = new TreeMap<>();
            f.forEach((k, v) -> {
                if (k.startsWith("s:") || docs.get(k) >= MIN_DOCS) {
                    kept.put(k, v);
                }
            });
            out.add(kept);
        }
        return out;
    }

    private static LinearSGDModel fit(List<Map<String, Double>> feats, List<String> labels, List<Double> weights) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("trendpress training set",
                OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory), factory);
        for (int i = 0; i < feats.size(); i++) {
            Map<String, Double> f = feats.get(i);
            String[] names = f.keySet().toArray(String[]::new);
            double[] values = f.values().stream().mapToDouble(Double::doubleValue).toArray();
            ArrayExample<Label> ex = new ArrayExample<>(new Label(labels.get(i)), names, values);
            ex.setWeight(weights.get(i).floatValue());
            data.add(ex);
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), EPOCHS,
                Integer.MAX_VALUE, 1, SEED);
        LinearSGDModel model = (LinearSGDModel) trainer.train(data);
        check(model, data.getData().get(0));
        return model;
    }

    /**
     * Copies a Tribuo model's weights: one row per label, one column per feature and a last
     * column for the bias. {@code order} fixes the label order (else kind order).
     */
    private static LinearModel export(LinearSGDModel m, boolean softmax, int n, String[] order) {
        DenseMatrix w = m.getWeightsCopy();
        ImmutableFeatureMap fm = m.getFeatureIDMap();
        ImmutableOutputInfo<Label> oi = m.getOutputIDInfo();
        String[] labels = order != null ? order : java.util.Arrays.stream(Kind.values()).map(Kind::code)
                .toArray(String[]::new);
        int[] row = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            row[i] = oi.getID(new Label(labels[i]));
        }
        float[] bias = new float[labels.length];
        int features = fm.size();
        for (int i = 0; i < labels.length; i++) {
            bias[i] = row[i] < 0 ? -8f : (float) w.get(row[i], features);
        }
        Map<String, float[]> weights = new TreeMap<>();
        for (int c = 0; c < features; c++) {
            float[] v = new float[labels.length];
            for (int i = 0; i < labels.length; i++) {
                v[i] = row[i] < 0 ? 0f : (float) w.get(row[i], c);
            }
            if (!tiny(v)) {
                weights.put(fm.get(c).getName(), v);
            }
        }
        return new LinearModel(softmax, labels, bias, weights);
    }

    private static boolean tiny(float[] v) {
        for (float x : v) {
            if (Math.abs(x) >= PRUNE) {
                return false;
            }
        }
        return true;
    }

    /** The exported weights must predict what Tribuo predicts; a mismatch means the export is wrong. */
    private static void check(LinearSGDModel m, Example<Label> ex) {
        LinearModel mine = export(m, true, m.getOutputIDInfo().size(),
                m.getOutputIDInfo().getDomain().stream().map(Label::getLabel).sorted().toArray(String[]::new));
        Map<String, Double> f = new HashMap<>();
        ex.forEach(feature -> f.put(feature.getName(), feature.getValue()));
        double[] p = mine.probabilities(f);
        Prediction<Label> pred = m.predict(ex);
        for (int i = 0; i < mine.labels.length; i++) {
            double theirs = pred.getOutputScores().get(mine.labels[i]).getScore();
            if (Math.abs(theirs - p[i]) > 1e-3) {
                throw new ClassifyException("exported weights disagree with Tribuo for label " + mine.labels[i]
                        + ": " + p[i] + " vs " + theirs);
            }
        }
    }

    static Set<String> kindCodes() {
        return Set.of("news", "research", "other");
    }
}
