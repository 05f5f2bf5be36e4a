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

    final LinearModel kind;
    final LinearModel topic;
    private final Kind[] kinds;
    /** The topic model's labels as topics (null for a label that is none) and their thresholds. */
    private final TopicLabels topicLabels;
    private final FeatureIndex index;

    Classifier(LinearModel kind, LinearModel topic) {
        this.kind = kind;
        this.topic = topic;
        this.kinds = new Kind[kind.labels.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = Kind.of(kind.labels[i]);
        }
        this.topicLabels = new TopicLabels(topic);
        this.index = new FeatureIndex(kind, topic);
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

    /**
     * Kind, confidence, reason and topics of one item. Each feature is looked up once for both
     * models ({@link FeatureIndex}); the answer is the same, to the last bit, as the kind model's
     * {@link LinearModel#probabilities} and {@link LinearModel#evidence} and {@link #modelTopics(Map)}
     * give on {@link Features#of}.
     */
    @Override
    public Classification classify(ItemFeatures f) {
        FeatureIndex.Resolved x = index.resolve(f);
        List<TopicScore> topics = arxivTopics(f);
        double[] kindScores = kind.biasScores();
        double[] topicScores = topics == null ? topic.biasScores() : null;
        FeatureIndex.Row[] known = x.known();
        int knownCount = x.knownCount();
        FeatureIndex.Row[] forKind = new FeatureIndex.Row[knownCount];
        int n = 0;
        for (int i = 0; i < knownCount; i++) {
            FeatureIndex.Row r = known[i];
            if (r.kind != null) {
                LinearModel.add(kindScores, x.value(r), r.kind);
                forKind[n++] = r;
            }
            if (r.topic != null && topicScores != null) {
                LinearModel.add(topicScores, x.value(r), r.topic);
            }
        }
        double[] p = kind.probabilities(kindScores);
        int best = kind.decide(p);
        Kind k = kinds[best];
        double confidence = p[best];
        StringBuilder reason = new StringBuilder(64).append("model ").append(twoDecimals(confidence));
        LinearModel.Evidence evidence = kind.evidence(best, 3);
        for (int i = 0; i < n; i++) {
            evidence.offer(forKind[i].feature, x.value(forKind[i]), forKind[i].kind);
        }
        List<String> why = evidence.strongest();
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
        if (topics == null) {
            topics = modelTopics(topicLabels, topic.probabilities(topicScores));
        }
        return new Classification(k, confidence, reason.toString(), topics);
    }

    /** Topics alone: from the arXiv categories when they map onto the taxonomy, else from the model. */
    public List<TopicScore> topics(ItemFeatures f) {
        List<TopicScore> fromArxiv = arxivTopics(f);
        return fromArxiv != null ? fromArxiv : modelTopics(Features.of(f));
    }

    /** The topics an item's arXiv categories give, or null when they give none. */
    private static List<TopicScore> arxivTopics(ItemFeatures f) {
        Set<Topic> fromArxiv = ArxivCategories.topics(f.categories(), f.title(), f.summary());
        if (fromArxiv.isEmpty()) {
            return null;
        }
        return fromArxiv.stream().map(t -> new TopicScore(t, 1.0, "arxiv")).toList();
    }

    /** The topic model's topics: each at or above the threshold, at least the best one. */
    List<TopicScore> modelTopics(Map<String, Double> x) {
        return modelTopics(topicLabels, topic.probabilities(x));
    }

    /** {@link #modelTopics(Map)} with a given topic model (cross-validation evaluates models it trains). */
    static List<TopicScore> modelTopics(LinearModel topic, Map<String, Double> x) {
        return modelTopics(new TopicLabels(topic), topic.probabilities(x));
    }

    /**
     * A topic model's labels as topics, each with the threshold it is given at: the threshold of
     * the first label with the topic's code, or {@link #TOPIC_THRESHOLD} when no label has it.
     */
    private record TopicLabels(Topic[] topics, double[] thresholds) {

        TopicLabels(LinearModel topic) {
            this(new Topic[topic.labels.length], new double[topic.labels.length]);
            for (int i = 0; i < topics.length; i++) {
                topics[i] = Topic.fromCode(topic.labels[i]).orElse(null);
                int t = topics[i] == null ? -1 : topic.index(topics[i].code());
                thresholds[i] = t < 0 ? TOPIC_THRESHOLD : topic.thresholds[t];
            }
        }
    }

    /** A topic with its threshold, while the topics of one item are sorted. */
    private record Candidate(TopicScore score, double threshold) {}

    private static List<TopicScore> modelTopics(TopicLabels labels, double[] p) {
        List<Candidate> all = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            Topic t = labels.topics()[i];
            if (t != null) {
                all.add(new Candidate(new TopicScore(t, round(p[i]), "model"), labels.thresholds()[i]));
            }
        }
        all.sort(Comparator.comparing(Candidate::score, Comparator.comparingDouble(TopicScore::confidence).reversed()
                .thenComparing(s -> s.topic().ordinal())));
        List<TopicScore> out = new ArrayList<>();
        for (Candidate c : all) {
            if (out.isEmpty() || c.score().confidence() >= c.threshold()) {
                out.add(c.score());
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
