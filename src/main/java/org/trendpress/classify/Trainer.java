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
    static final int TOPIC_EPOCHS = 8;
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

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    public Models train(List<LabeledExample> examples) {
        TRIBUO_LOG.setLevel(Level.WARNING);
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
        // thresholds are chosen on a validation part of the TRAINING examples, then the final
        // models are trained on all of them; the held-out split is never seen here
        LinearModel kindValidation = trainKind(fitPart(kinds, VALIDATION));
        float[] kt = kindThresholds(kindValidation, validationPart(kinds, VALIDATION));
        LinearModel kind = trainKind(kinds).withThresholds(kt);
        LinearModel topic = topicModel(topics, VALIDATION);
        return new Models(kind.toBytes(), topic.toBytes(), kinds.size(), topics.size());
    }

    /**
     * The topic model for these topic-labelled examples: per-topic thresholds chosen on the
     * examples of title-hash bucket {@code validationBucket} by a model fitted on the others, then
     * the model fitted on all of them, carrying those thresholds. (The shipped model uses
     * {@link #VALIDATION}; cross-validation uses the bucket after each test fold.)
     */
    LinearModel topicModel(List<LabeledExample> topics, int validationBucket) {
        TRIBUO_LOG.setLevel(Level.WARNING);
        List<LabeledExample> sorted = new ArrayList<>(topics);
        sorted.sort(Comparator.comparing(LabeledExample::id));
        List<LabeledExample> withSeeds = new ArrayList<>(sorted);
        withSeeds.addAll(lexiconSeeds());
        LinearModel topicValidation = trainTopics(fitPart(withSeeds, validationBucket));
        float[] tt = topicThresholds(topicValidation, validationPart(sorted, validationBucket));
        return trainTopics(withSeeds).withThresholds(tt);
    }

    /** Origin of the lexicon's seed examples. */
    static final String LEXICON = "lexicon";

    /**
     * One topic-only example per term of {@link TopicLexicon#TABLE}: the term as a title, labelled
     * with its topic. They teach the model the table's words (and that the lexicon features mean
     * their topic) even for a topic with a handful of labelled examples; they weigh like any other
     * example, are always in the fitting part and never in a validation or evaluation part.
     */
    static List<LabeledExample> lexiconSeeds() {
        List<LabeledExample> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Topic, String[]> e : TopicLexicon.TABLE.entrySet()) {
            for (String term : e.getValue()) {
                out.add(new LabeledExample(LEXICON + ":" + i++, LEXICON,
                        new ItemFeatures(term, "", null, null, List.of(), 0, "research", List.of()), null,
                        java.util.EnumSet.of(e.getKey())));
            }
        }
        return out;
    }

    /** The title-hash bucket of the training data that thresholds are chosen on (bucket 0 is the held-out split). */
    static final int VALIDATION = Split.HELD_OUT;

    /** Training examples used to fit the validation models: all but the validation bucket's. */
    static List<LabeledExample> fitPart(List<LabeledExample> examples, int bucket) {
        return examples.stream().filter(e -> !validation(e, bucket) || e.origin().equals("correction")
                || e.origin().equals(LEXICON)).toList();
    }

    static List<LabeledExample> validationPart(List<LabeledExample> examples, int bucket) {
        return examples.stream().filter(e -> validation(e, bucket) && !e.origin().equals("correction")
                && !e.origin().equals(LEXICON)).toList();
    }

    /**
     * Whether an example is in the validation part of the training data: title-hash bucket
     * {@code bucket} of {@link Split#BUCKETS}.
     */
    static boolean validation(LabeledExample e, int bucket) {
        return Split.bucket(e.features().title()) == bucket;
    }

    /**
     * The research threshold: on the validation part's real lab-blog and news items labelled news
     * or research, the threshold (0.10 to 0.90) with the best news-versus-research accuracy among
     * those keeping research recall at 0.90 or more (else the best recall). Other labels keep 0.5.
     */
    static float[] kindThresholds(LinearModel m, List<LabeledExample> validation) {
        int r = m.index(Kind.RESEARCH.code());
        List<LabeledExample> real = validation.stream().filter(e -> SharedCorpus.REAL_FEEDS.contains(e.origin())
                && e.kind() != Kind.OTHER).toList();
        float[] plain = new float[m.labels.length];
        java.util.Arrays.fill(plain, 0.5f);
        if (real.size() < MIN_VALIDATION * 4 || real.stream().filter(e -> e.kind() == Kind.RESEARCH).count() < MIN_VALIDATION) {
            return plain; // too few to choose on: plain argmax
        }
        List<double[]> probs = real.stream().map(e -> m.probabilities(Features.forKind(Features.of(e.features())))).toList();
        float best = 0.5f;
        double bestAcc = -1;
        double bestRecall = -1;
        for (int step = 10; step <= 90; step++) {
            float t = step / 100f;
            LinearModel gated = m.withThresholds(gate(m.labels.length, r, t));
            int right = 0;
            int pos = 0;
            int found = 0;
            for (int i = 0; i < real.size(); i++) {
                boolean predicted = gated.decide(probs.get(i)) == r;
                boolean truth = real.get(i).kind() == Kind.RESEARCH;
                right += predicted == truth ? 1 : 0;
                pos += truth ? 1 : 0;
                found += predicted && truth ? 1 : 0;
            }
            double acc = real.isEmpty() ? 0 : right / (double) real.size();
            double recall = pos == 0 ? 1 : found / (double) pos;
            boolean ok = recall >= 0.90;
            boolean bestOk = bestRecall >= 0.90;
            if (ok && (!bestOk || acc > bestAcc) || !ok && !bestOk && (recall > bestRecall || recall == bestRecall && acc > bestAcc)) {
                best = t;
                bestAcc = acc;
                bestRecall = recall;
            }
        }
        return gate(m.labels.length, r, best);
    }

    private static float[] gate(int n, int label, float t) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, 0.5f);
        // a threshold of exactly 0.5 would mean "not gated": nudge it
        out[label] = t == 0.5f ? 0.5001f : t;
        return out;
    }

    /**
     * Per-topic thresholds: on the validation part, the threshold (0.10 to 0.90) with the best F1
     * for that topic; 0.5 for a topic with fewer than {@link #MIN_VALIDATION} validation positives.
     */
    static float[] topicThresholds(LinearModel m, List<LabeledExample> validation) {
        List<LabeledExample> arxivLike = validation.stream().filter(e -> e.kind() != null).toList();
        List<double[]> probs = arxivLike.stream().map(e -> m.probabilities(Features.of(e.features()))).toList();
        float[] out = new float[m.labels.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = 0.5f;
            Topic topic = Topic.fromCode(m.labels[k]).orElse(null);
            long positives = arxivLike.stream().filter(e -> e.topics().contains(topic)).count();
            if (topic == null || positives < MIN_VALIDATION) {
                continue;
            }
            double bestF1 = -1;
            for (int step = 10; step <= 90; step += 2) {
                float t = step / 100f;
                int tp = 0;
                int fp = 0;
                int fn = 0;
                for (int i = 0; i < arxivLike.size(); i++) {
                    boolean p = probs.get(i)[k] >= t;
                    boolean truth = arxivLike.get(i).topics().contains(topic);
                    tp += p && truth ? 1 : 0;
                    fp += p && !truth ? 1 : 0;
                    fn += !p && truth ? 1 : 0;
                }
                double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
                if (f1 > bestF1 + 1e-9) {
                    bestF1 = f1;
                    out[k] = t;
                }
            }
        }
        return out;
    }

    static final int MIN_VALIDATION = 5;

    private LinearModel trainKind(List<LabeledExample> examples) {
        List<Map<String, Double>> feats = features(examples, true);
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
        LinearSGDModel m = fit(feats, labels, weights, EPOCHS);
        return export(m, true, Kind.values().length, null);
    }

    private LinearModel trainTopics(List<LabeledExample> examples) {
        List<Map<String, Double>> feats = features(examples, false);
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
            LinearSGDModel m = fit(feats, y, w, TOPIC_EPOCHS);
            LinearModel binary = export(m, true, 2, new String[] {NO, YES});
            bias[t] = binary.bias[1] - binary.bias[0];
            for (Map.Entry<String, float[]> e : binary.weights.entrySet()) {
                weights.computeIfAbsent(e.getKey(), k -> new float[all.length])[t] = e.getValue()[1] - e.getValue()[0];
            }
        }
        weights.values().removeIf(Trainer::tiny);
        return new LinearModel(false, labels, bias, weights);
    }

    /**
     * Features of each example, keeping words and bigrams seen in at least {@link #MIN_DOCS}
     * examples; for the kind model ({@code kind}) without the topic lexicon's.
     */
    static List<Map<String, Double>> features(List<LabeledExample> examples, boolean kind) {
        List<Map<String, Double>> raw = examples.stream()
                .map(e -> kind ? Features.forKind(Features.of(e.features())) : Features.of(e.features())).toList();
        Map<String, Integer> docs = new HashMap<>();
        raw.forEach(f -> f.keySet().forEach(k -> docs.merge(k, 1, Integer::sum)));
        List<Map<String, Double>> out = new ArrayList<>(raw.size());
        for (Map<String, Double> f : raw) {
            Map<String, Double> kept = new TreeMap<>();
            f.forEach((k, v) -> {
                if (k.startsWith("s:") || Features.lexicon(k) || docs.get(k) >= MIN_DOCS) {
                    kept.put(k, v);
                }
            });
            out.add(kept);
        }
        return out;
    }

    private static LinearSGDModel fit(List<Map<String, Double>> feats, List<String> labels, List<Double> weights, int epochs) {
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
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), epochs,
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
