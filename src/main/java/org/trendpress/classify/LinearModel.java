package org.trendpress.classify;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The weights of a linear model trained with Tribuo, in a small file of our own: a gzip stream
 * of the labels, one bias per label and, for each feature (sorted by name), one weight per label.
 * {@code softmax} models (kind) turn the label scores into one distribution; {@code sigmoid}
 * models (topics, one-vs-rest) give each label its own probability. The same weights always give
 * the same bytes: the gzip header carries no time and features are written in name order.
 */
final class LinearModel {

    private static final int MAGIC = 0x54504c4d; // "TPLM"
    /** Format 2 adds one decision threshold per label; format 1 files are still read (thresholds 0.5). */
    static final int FORMAT = 2;

    final boolean softmax;
    final String[] labels;
    final float[] bias;
    final Map<String, float[]> weights;
    /**
     * Per-label decision thresholds, chosen on a validation split of the training data: for a
     * sigmoid model, label {@code i} is given when its probability reaches {@code thresholds[i]};
     * for a softmax model, a label whose threshold is below 0.5 wins whenever its probability
     * reaches it (see {@link #decide}). 0.5 everywhere means "plain argmax / 0.5".
     */
    final float[] thresholds;

    LinearModel(boolean softmax, String[] labels, float[] bias, Map<String, float[]> weights) {
        this(softmax, labels, bias, weights, null);
    }

    LinearModel(boolean softmax, String[] labels, float[] bias, Map<String, float[]> weights, float[] thresholds) {
        this.softmax = softmax;
        this.labels = labels.clone();
        this.bias = bias.clone();
        this.weights = new HashMap<>(weights);
        if (thresholds == null) {
            thresholds = new float[labels.length];
            Arrays.fill(thresholds, 0.5f);
        }
        this.thresholds = thresholds.clone();
    }

    LinearModel withThresholds(float[] t) {
        return new LinearModel(softmax, labels, bias, weights, t);
    }

    /**
     * The label a softmax model decides on. A label with its own threshold (not 0.5) is "gated":
     * it wins whenever its probability reaches the threshold (first such label in label order),
     * and it is passed over for the next most probable label when it is the most probable one
     * but falls short of the threshold. Other labels go by plain argmax.
     */
    int decide(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (thresholds[i] != 0.5f && p[i] >= thresholds[i]) {
                return i;
            }
        }
        int best = -1;
        for (int i = 0; i < p.length; i++) {
            if (thresholds[i] != 0.5f) {
                continue; // gated and below its threshold
            }
            if (best < 0 || p[i] > p[best]) {
                best = i;
            }
        }
        return best < 0 ? 0 : best;
    }

    /** Label probabilities, in {@link #labels} order. */
    double[] probabilities(Map<String, Double> features) {
        return probabilities(scores(features));
    }

    /** Label probabilities from label {@link #scores}, worked out in place in {@code z}. */
    double[] probabilities(double[] z) {
        if (softmax) {
            double max = Arrays.stream(z).max().orElse(0);
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                z[i] = Math.exp(z[i] - max);
                sum += z[i];
            }
            for (int i = 0; i < z.length; i++) {
                z[i] /= sum;
            }
        } else {
            for (int i = 0; i < z.length; i++) {
                z[i] = 1.0 / (1.0 + Math.exp(-z[i]));
            }
        }
        return z;
    }

    double[] scores(Map<String, Double> features) {
        double[] z = biasScores();
        for (Map.Entry<String, Double> e : features.entrySet()) {
            float[] w = weights.get(e.getKey());
            if (w != null) {
                add(z, e.getValue(), w);
            }
        }
        return z;
    }

    /** The label scores of an item with no features: the biases. */
    double[] biasScores() {
        double[] z = new double[labels.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = bias[i];
        }
        return z;
    }

    /** Adds a feature of weight {@code v} with the weights {@code w} (one per label) to scores {@code z}. */
    static void add(double[] z, double v, float[] w) {
        for (int i = 0; i < z.length; i++) {
            z[i] += v * w[i];
        }
    }

    /**
     * The features that pushed most towards label {@code k} (against the mean of the others, for a
     * softmax model), strongest first, at most {@code n}; structure features before words.
     */
    List<String> evidence(Map<String, Double> features, int k, int n) {
        Evidence best = evidence(k, n);
        for (Map.Entry<String, Double> e : features.entrySet()) {
            float[] w = weights.get(e.getKey());
            if (w != null) {
                best.offer(e.getKey(), e.getValue(), w);
            }
        }
        return best.strongest();
    }

    /** An empty {@link Evidence} for label {@code k}, at most {@code n} features. */
    Evidence evidence(int k, int n) {
        return new Evidence(k, n);
    }

    /**
     * The {@code n} features that push most towards label {@code k} among those offered (see
     * {@link #evidence}): the first {@code n} of them in the order of push (strongest first), then
     * name, kept as they are offered rather than sorted at the end.
     */
    final class Evidence {
        private final int k;
        private final String[] features;
        private final double[] pushes;
        private int size;

        Evidence(int k, int n) {
            this.k = k;
            this.features = new String[n];
            this.pushes = new double[n];
        }

        /** A feature of weight {@code v} with the weights {@code w}. */
        void offer(String feature, double v, float[] w) {
            double push = w[k];
            if (softmax && labels.length > 1) {
                double others = 0;
                for (int i = 0; i < w.length; i++) {
                    others += i == k ? 0 : w[i];
                }
                push -= others / (labels.length - 1);
            }
            push *= v;
            if (push > 0.05 && !feature.startsWith("s:len=") && !feature.startsWith("s:authors=")) {
                insert(feature, push + (feature.startsWith("s:") ? 100 : 0));
            }
        }

        private void insert(String feature, double push) {
            int at = size;
            while (at > 0 && before(feature, push, features[at - 1], pushes[at - 1])) {
                at--;
            }
            if (at == features.length) {
                return;
            }
            int end = Math.min(size, features.length - 1);
            System.arraycopy(features, at, features, at + 1, end - at);
            System.arraycopy(pushes, at, pushes, at + 1, end - at);
            features[at] = feature;
            pushes[at] = push;
            size = end + 1;
        }

        /** Whether (a, pa) comes before (b, pb): the stronger push first, then by name. */
        private static boolean before(String a, double pa, String b, double pb) {
            int c = Double.compare(pb, pa);
            return c != 0 ? c < 0 : a.compareTo(b) < 0;
        }

        /** The strongest features offered, strongest first. */
        List<String> strongest() {
            return List.of(Arrays.copyOf(features, size));
        }
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeBoolean(softmax);
            out.writeInt(labels.length);
            for (int i = 0; i < labels.length; i++) {
                out.writeUTF(labels[i]);
                out.writeFloat(bias[i]);
                out.writeFloat(thresholds[i]);
            }
            TreeMap<String, float[]> sorted = new TreeMap<>(weights);
            out.writeInt(sorted.size());
            for (Map.Entry<String, float[]> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                for (float w : e.getValue()) {
                    out.writeFloat(w);
                }
            }
        } catch (IOException e) {
            throw new ClassifyException("cannot write model: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    static LinearModel read(InputStream raw, String name) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new ClassifyException("not a Trendpress model file: " + name);
            }
            int format = in.readInt();
            if (format != FORMAT && format != 1) {
                throw new ClassifyException("model " + name + " has format " + format + ", this version reads " + FORMAT);
            }
            boolean softmax = in.readBoolean();
            int l = in.readInt();
            String[] labels = new String[l];
            float[] bias = new float[l];
            float[] thresholds = new float[l];
            for (int i = 0; i < l; i++) {
                labels[i] = in.readUTF();
                bias[i] = in.readFloat();
                thresholds[i] = format >= 2 ? in.readFloat() : 0.5f;
            }
            int f = in.readInt();
            Map<String, float[]> weights = new HashMap<>(f * 2);
            for (int j = 0; j < f; j++) {
                String feature = in.readUTF();
                float[] w = new float[l];
                for (int i = 0; i < l; i++) {
                    w[i] = in.readFloat();
                }
                weights.put(feature, w);
            }
            return new LinearModel(softmax, labels, bias, weights, thresholds);
        } catch (IOException e) {
            throw new ClassifyException("cannot read model " + name + ": " + e.getMessage(), e);
        }
    }

    int index(String label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(label)) {
                return i;
            }
        }
        return -1;
    }
}
