package org.trendpress.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.trendpress.ingest.Item;

/**
 * The trained classifier: an Item's kind (news, research, other) with the model's confidence and a
 * reason editors can read ("model 0.97: arXiv link, 'we propose'"), and a Paper's topics with
 * confidences. An arXiv item's categories give its topics through {@link ArxivCategories}
 * (source {@code arxiv}); other items get the topic model's (source {@code model}).
 *
 * <p>The models ship as {@code /model/kind-v1.bin} and {@code /model/topic-v2.bin} (see
 * {@code src/main/resources/model/README.md}); {@code trendpress classify --train} rebuilds them.
 * Thread-safe once built.
 */
public final class Classifier implements ItemClassifier {

    /**
     * Model file names, versioned: a new feature set or format gets a new version (topic v2 reads
     * the {@link TopicLexicon} features, which a v1 reader would not compute).
     */
    public static final String KIND_FILE = "kind-v1.bin";
    public static final String TOPIC_FILE = "topic-v2.bin";
    /**
     * A topic is given when its probability reaches its threshold (chosen per topic at training
     * on a validation part of the training data; this value for a model without thresholds); the
     * best topic is always given.
     */
    public static final double TOPIC_THRESHOLD = 0.5;
    /** Below this kind confidence, a paper identifier from a non-news source decides (see {@link #classify}). */
    static final double UNSURE = 0.6;

    /** One topic with its confidence and where it came from: {@code arxiv} or {@code model}. */
    public record TopicScore(Topic topic, double confidence, String source) {}

    /** The classifier's answer for one item. */
    public record Classification(Kind kind, double confidence, String reason, List<TopicScore> topics) {

        /** Topics as codes, comma-separated, in confidence order. */
        public String topicCodes() {
            return topics.stream().map(t -> t.topic().code()).collect(Collectors.joining(","));
        }
    }

    private final LinearModel kind;
    private final LinearModel topic;
    private final Kind[] kinds;

    Classifier(LinearModel kind, LinearModel topic) {
        this.kind = kind;
        this.topic = topic;
        this.kinds = new Kind[kind.labels.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = Kind.of(kind.labels[i]);
        }
    }

    /** The models shipped in the jar. */
    public static Classifier bundled() {
        return new Classifier(resource(KIND_FILE), resource(TOPIC_FILE));
    }

    /** The models in a folder (as written by {@code classify --train --out DIR}). */
    public static Classifier fromDirectory(Path dir) {
        return new Classifier(file(dir.resolve(KIND_FILE)), file(dir.resolve(TOPIC_FILE)));
    }

    /** Models from their bytes (as {@link Trainer} returns them). */
    public static Classifier of(byte[] kindModel, byte[] topicModel) {
        return new Classifier(LinearModel.read(new java.io.ByteArrayInputStream(kindModel), "kind"),
                LinearModel.read(new java.io.ByteArrayInputStream(topicModel), "topic"));
    }

    /** Kind, confidence, reason and topics of one item. */
    @Override
    public Classification classify(ItemFeatures f) {
        Map<String, Double> x = Features.of(f);
        double[] p = kind.probabilities(x);
        int best = kind.decide(p);
        Kind k = kinds[best];
        double confidence = p[best];
        StringBuilder reason = new StringBuilder(64).append("model ").append(twoDecimals(confidence));
        List<String> why = kind.evidence(x, best, 3);
        for (int i = 0; i < why.size(); i++) {
            reason.append(i == 0 ? ": " : ", ").append(Features.describe(why.get(i)));
        }
        // a rule is certain where the model is not: a paper identifier outside news sources
        if (confidence < UNSURE && k != Kind.RESEARCH && !f.kindHint().equals("news")
                && (f.arxivId() != null || f.doi() != null)) {
            int r = kind.index(Kind.RESEARCH.code());
            k = Kind.RESEARCH;
            confidence = p[r];
            reason.setLength(0);
            reason.append("rule: ").append(f.arxivId() != null ? "arXiv " + f.arxivId() : "DOI " + f.doi())
                    .append(" (model unsure, research ").append(twoDecimals(p[r])).append(')');
        }
        return new Classification(k, confidence, reason.toString(), topics(f, x));
    }

    /** Topics alone: from the arXiv categories when they map onto the taxonomy, else from the model. */
    public List<TopicScore> topics(ItemFeatures f) {
        return topics(f, null);
    }

    private List<TopicScore> topics(ItemFeatures f, Map<String, Double> x) {
        Set<Topic> fromArxiv = ArxivCategories.topics(f.categories(), f.title(), f.summary());
        if (!fromArxiv.isEmpty()) {
            return fromArxiv.stream().map(t -> new TopicScore(t, 1.0, "arxiv")).toList();
        }
        return modelTopics(x != null ? x : Features.of(f));
    }

    /** The topic model's topics: each at or above the threshold, at least the best one. */
    List<TopicScore> modelTopics(Map<String, Double> x) {
        return modelTopics(topic, x);
    }

    /** {@link #modelTopics(Map)} with a given topic model (cross-validation evaluates models it trains). */
    static List<TopicScore> modelTopics(LinearModel topic, Map<String, Double> x) {
        double[] p = topic.probabilities(x);
        List<TopicScore> all = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            Topic t = Topic.fromCode(topic.labels[i]).orElse(null);
            if (t != null) {
                all.add(new TopicScore(t, round(p[i]), "model"));
            }
        }
        all.sort(Comparator.comparingDouble(TopicScore::confidence).reversed()
                .thenComparing(s -> s.topic().ordinal()));
        List<TopicScore> out = new ArrayList<>();
        for (TopicScore s : all) {
            int i = topic.index(s.topic().code());
            if (out.isEmpty() || s.confidence() >= (i < 0 ? TOPIC_THRESHOLD : topic.thresholds[i])) {
                out.add(s);
            }
        }
        return out;
    }

    /** The decision thresholds of both models, e.g. "kind research 0.42; topics vision 0.46, ...". */
    public String describeThresholds() {
        StringBuilder b = new StringBuilder("kind");
        for (int i = 0; i < kind.labels.length; i++) {
            if (kind.thresholds[i] != 0.5f) {
                b.append(' ').append(kind.labels[i]).append(' ').append(twoDecimals(kind.thresholds[i]));
            }
        }
        b.append("; topics");
        for (int i = 0; i < topic.labels.length; i++) {
            b.append(i == 0 ? " " : ", ").append(topic.labels[i]).append(' ').append(twoDecimals(topic.thresholds[i]));
        }
        return b.toString();
    }

    /** The three columns {@code inspect} prints: kind, kind confidence (0–1, two decimals), topics. */
    public String[] forInspect(Item item, String kindHint) {
        Classification c = classify(ItemFeatures.of(item, kindHint));
        return new String[] {c.kind().code(), String.format(Locale.ROOT, "%.2f", c.confidence()), c.topicCodes()};
    }

    /** {@link #forInspect(Item, String)} for an item of a source with no kind hint (mixed). */
    public String[] forInspect(Item item) {
        return forInspect(item, "mixed");
    }

    /** {@code p} (0 to 1) with two decimals, as {@code %.2f} would print it. */
    static String twoDecimals(double p) {
        long h = Math.round(p * 100);
        return h >= 100 ? "1.00" : h < 10 ? "0.0" + h : "0." + h;
    }

    private static double round(double p) {
        return Math.round(p * 1000) / 1000.0;
    }

    private static LinearModel resource(String name) {
        try (InputStream in = Classifier.class.getResourceAsStream("/model/" + name)) {
            if (in == null) {
                throw new ClassifyException("model /model/" + name + " is missing from the classpath");
            }
            return LinearModel.read(in, name);
        } catch (IOException e) {
            throw new ClassifyException("cannot read model " + name + ": " + e.getMessage(), e);
        }
    }

    private static LinearModel file(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return LinearModel.read(in, p.toString());
        } catch (IOException e) {
            throw new ClassifyException("cannot read model " + p + ": " + e.getMessage(), e);
        }
    }
}
