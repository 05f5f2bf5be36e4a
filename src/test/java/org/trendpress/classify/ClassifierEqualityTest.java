package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trendpress.testing.SharedData;

/**
 * {@link Classifier#classify} looks each feature up once for both models ({@link FeatureIndex});
 * its answers must equal, to the last bit of every confidence, those of the straightforward path
 * it replaced: {@link Features#of}, then each model's weights by feature name. That path is kept
 * here, as it was written, as the reference.
 */
class ClassifierEqualityTest {

    private final Classifier classifier = Classifier.bundled();

    @Test
    void generatedItemsAreClassifiedAsByTheReferencePath() {
        List<ItemFeatures> items = generated(4_000);
        int research = 0;
        int ruled = 0;
        int modelTopics = 0;
        for (ItemFeatures f : items) {
            Classifier.Classification c = classifier.classify(f);
            assertThat(c).as("%s", f).isEqualTo(reference(classifier, f));
            research += c.kind() == Kind.RESEARCH ? 1 : 0;
            ruled += c.reason().startsWith("rule:") ? 1 : 0;
            modelTopics += c.topics().get(0).source().equals("model") ? 1 : 0;
        }
        // the items reach every branch: both kinds of answer, the rule, and both sources of topics
        assertThat(research).isBetween(100, items.size() - 100);
        assertThat(ruled).isPositive();
        assertThat(modelTopics).isBetween(100, items.size() - 100);
    }

    @Test
    void realCapturesAreClassifiedAsByTheReferencePath() {
        List<LabeledExample> corpus = SharedCorpus.load(SharedData.require("labeled").getParent());
        assertThat(corpus).hasSizeGreaterThan(1_000);
        for (LabeledExample e : corpus) {
            assertThat(classifier.classify(e.features())).as(e.id()).isEqualTo(reference(classifier, e.features()));
        }
    }

    @Test
    void theIndexHandsTheKnownFeaturesInTheOrderOfFeaturesOf() {
        FeatureIndex index = new FeatureIndex(classifier.kind, classifier.topic);
        for (ItemFeatures f : generated(500)) {
            Map<String, Double> named = Features.of(f);
            FeatureIndex.Resolved x = index.resolve(f);
            assertThat(x.size()).isEqualTo(named.size());
            assertThat(x.names()).containsExactlyInAnyOrderElementsOf(named.keySet());
            List<String> known = new ArrayList<>();
            for (int i = 0; i < x.knownCount(); i++) {
                FeatureIndex.Row row = x.known()[i];
                known.add(row.feature);
                assertThat(x.value(row)).as(row.feature).isEqualTo(named.get(row.feature));
                assertThat(row.kind).as(row.feature).isEqualTo(classifier.kind.weights.get(row.feature));
                assertThat(row.topic).as(row.feature).isEqualTo(classifier.topic.weights.get(row.feature));
            }
            assertThat(known).isEqualTo(named.keySet().stream().filter(this::knownToAModel).toList());
            assertThat(x.mapBuilt).isFalse();
        }
    }

    private boolean knownToAModel(String feature) {
        return classifier.kind.weights.containsKey(feature) || classifier.topic.weights.containsKey(feature);
    }

    /**
     * Words whose features crowd one bucket of the map's first table: a bucket of 8 or more keys
     * may become a tree, which iterates in another order, so the index builds the map then; the
     * answer is still the reference's.
     */
    @Test
    void anItemWhoseFeaturesCrowdOneBucketIsStillClassifiedAsByTheReferencePath() {
        // 2 title words and n + 6 summary words give 4 * (2 * 3 + (n + 6) * 2) + 64 as the map's capacity
        List<String> words = new ArrayList<>();
        Random r = new Random(5);
        int n = 40;
        int length = FeatureIndex.tableSizeFor(4 * (2 * 3 + (n + 6) * 2) + 64);
        while (words.size() < n) {
            String w = "q" + Integer.toString(r.nextInt(1 << 30), 36);
            int h = ("w:" + w).hashCode();
            if (((h ^ (h >>> 16)) & (length - 1)) == 3 && !words.contains(w)) {
                words.add(w);
            }
        }
        String summary = String.join(" ", words) + " we propose a method for language models";
        ItemFeatures f = new ItemFeatures("Language models", summary, null, null, List.of(), 2, "research",
                List.of());
        FeatureIndex index = new FeatureIndex(classifier.kind, classifier.topic);
        FeatureIndex.Resolved x = index.resolve(f);
        x.known();
        assertThat(x.mapBuilt).isTrue();
        assertThat(classifier.classify(f)).isEqualTo(reference(classifier, f));
        // and the next item on the same thread starts afresh
        ItemFeatures plain = generated(1).get(0);
        FeatureIndex.Resolved y = index.resolve(plain);
        assertThat(y.names()).containsExactlyInAnyOrderElementsOf(Features.of(plain).keySet());
        y.known();
        assertThat(y.mapBuilt).isFalse();
    }

    /**
     * Names of equal hash codes ("c0" and "an" hash alike, so do all words of four such blocks)
     * crowd one bucket into a tree, whose order depends on how its keys compare; known words placed
     * in the same bucket must still come out in the order of {@link Features#of}'s map.
     */
    @Test
    void knownFeaturesInABucketThatBecameATreeKeepTheMapsOrder() {
        List<String> colliding = new ArrayList<>();
        for (int bits = 0; bits < 16; bits++) {
            StringBuilder w = new StringBuilder();
            for (int k = 0; k < 4; k++) {
                w.append((bits >> k & 1) == 0 ? "c0" : "an");
            }
            colliding.add(w.toString());
        }
        List<String> vocabulary = classifier.kind.weights.keySet().stream().filter(k -> k.startsWith("w:"))
                .map(k -> k.substring(2)).filter(w -> w.matches("[a-z]{3,12}")).sorted().toList();
        int h = ("w:" + colliding.get(0)).hashCode();
        int spread = h ^ (h >>> 16);
        Random r = new Random(17);
        int checked = 0;
        for (int round = 0; round < 40; round++) {
            // a first draft fixes the map's table length; then known words of the crowded bucket
            List<String> known = new ArrayList<>(vocabulary.subList(0, 8));
            int length = tableLength(item(colliding, known));
            known.clear();
            for (String w : vocabulary) {
                int hw = ("w:" + w).hashCode();
                if (((hw ^ (hw >>> 16)) & (length - 1)) == (spread & (length - 1)) && r.nextInt(3) == 0) {
                    known.add(w);
                }
                if (known.size() == 8) {
                    break;
                }
            }
            ItemFeatures f = item(colliding, known);
            if (known.size() < 2 || tableLength(f) != length) {
                continue;
            }
            FeatureIndex.Resolved x = new FeatureIndex(classifier.kind, classifier.topic).resolve(f);
            List<String> order = new ArrayList<>();
            for (int i = 0; i < x.knownCount(); i++) {
                order.add(x.known()[i].feature);
            }
            assertThat(x.mapBuilt).isTrue();
            assertThat(order).isEqualTo(Features.of(f).keySet().stream().filter(this::knownToAModel).toList());
            assertThat(classifier.classify(f)).isEqualTo(reference(classifier, f));
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    private static ItemFeatures item(List<String> colliding, List<String> known) {
        List<String> words = new ArrayList<>(colliding);
        words.addAll(known);
        return new ItemFeatures("Collisions", String.join(" ", words), null, null, List.of(), 1, "news", List.of());
    }

    /** The table length of the map {@link Features#of} builds for the item. */
    private static int tableLength(ItemFeatures f) {
        String[] tw = Features.tokens(f.title().toLowerCase(Locale.ROOT));
        String[] sw = Features.tokens(f.summary().toLowerCase(Locale.ROOT));
        int length = FeatureIndex.tableSizeFor(4 * (tw.length * 3 + sw.length * 2) + 64);
        int n = Features.of(f).size();
        while (n > length / 4 * 3) {
            length <<= 1;
        }
        return length;
    }

    @Test
    void anUnknownFeatureHashesAndComparesAsItsName() {
        Random r = new Random(7);
        String alphabet = "abcxyz019\u00e9\u00df\u03bb\u4e2d\u0416";
        for (int i = 0; i < 20_000; i++) {
            String a = word(r, alphabet);
            String b = word(r, alphabet);
            for (String prefix : List.of("w:", "t:", "t0:")) {
                FeatureIndex.Unknown u = new FeatureIndex.Unknown(prefix, a, null);
                assertThat(u.hashCode()).as(prefix + a).isEqualTo((prefix + a).hashCode());
                assertThat(u.toString()).isEqualTo(prefix + a);
                assertThat(u).isEqualTo(new FeatureIndex.Unknown(prefix, new String(a), null));
            }
            FeatureIndex.Unknown bigram = new FeatureIndex.Unknown("b:", a, b);
            assertThat(bigram.hashCode()).as("b:" + a + "_" + b).isEqualTo(("b:" + a + "_" + b).hashCode());
            assertThat(bigram).isEqualTo(new FeatureIndex.Unknown("b:", a, b))
                    .isNotEqualTo(new FeatureIndex.Unknown("w:", a, null))
                    .isNotEqualTo("b:" + a + "_" + b);
            if (!a.equals(b)) {
                assertThat(bigram).isNotEqualTo(new FeatureIndex.Unknown("b:", b, a));
            }
        }
    }

    /** A word of 1 to 300 characters (past the table of powers of 31) from the alphabet. */
    private static String word(Random r, String alphabet) {
        int n = 1 + (r.nextInt(10) == 0 ? r.nextInt(300) : r.nextInt(12));
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void wordCharactersAreTheJdksLettersAndDigits() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            assertThat(Features.letterOrDigit((char) c)).as("U+%04X", c).isEqualTo(Character.isLetterOrDigit((char) c));
        }
    }

    // --- the reference: classify as it was before FeatureIndex ---

    static Classifier.Classification reference(Classifier c, ItemFeatures f) {
        LinearModel kind = c.kind;
        Map<String, Double> x = Features.of(f);
        double[] p = probabilities(kind, x);
        int best = kind.decide(p);
        Kind k = Kind.of(kind.labels[best]);
        double confidence = p[best];
        StringBuilder reason = new StringBuilder(64).append("model ").append(Classifier.twoDecimals(confidence));
        List<String> why = evidence(kind, x, best, 3);
        for (int i = 0; i < why.size(); i++) {
            reason.append(i == 0 ? ": " : ", ").append(Features.describe(why.get(i)));
        }
        if (confidence < Classifier.UNSURE && k != Kind.RESEARCH && !f.kindHint().equals("news")
                && (f.arxivId() != null || f.doi() != null)) {
            int r = kind.index(Kind.RESEARCH.code());
            k = Kind.RESEARCH;
            confidence = p[r];
            reason.setLength(0);
            reason.append("rule: ").append(f.arxivId() != null ? "arXiv " + f.arxivId() : "DOI " + f.doi())
                    .append(" (model unsure, research ").append(Classifier.twoDecimals(p[r])).append(')');
        }
        Set<Topic> fromArxiv = ArxivCategories.topics(f.categories(), f.title(), f.summary());
        List<Classifier.TopicScore> topics = !fromArxiv.isEmpty()
                ? fromArxiv.stream().map(t -> new Classifier.TopicScore(t, 1.0, "arxiv")).toList()
                : modelTopics(c.topic, x);
        return new Classifier.Classification(k, confidence, reason.toString(), topics);
    }

    private static double[] probabilities(LinearModel m, Map<String, Double> features) {
        double[] z = new double[m.labels.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = m.bias[i];
        }
        for (Map.Entry<String, Double> e : features.entrySet()) {
            float[] w = m.weights.get(e.getKey());
            if (w != null) {
                double v = e.getValue();
                for (int i = 0; i < z.length; i++) {
                    z[i] += v * w[i];
                }
            }
        }
        if (m.softmax) {
            double max = java.util.Arrays.stream(z).max().orElse(0);
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

    private static List<String> evidence(LinearModel m, Map<String, Double> features, int k, int n) {
        List<Map.Entry<String, Double>> pushes = new ArrayList<>();
        for (Map.Entry<String, Double> e : features.entrySet()) {
            float[] w = m.weights.get(e.getKey());
            if (w == null) {
                continue;
            }
            double push = w[k];
            if (m.softmax && m.labels.length > 1) {
                double others = 0;
                for (int i = 0; i < w.length; i++) {
                    others += i == k ? 0 : w[i];
                }
                push -= others / (m.labels.length - 1);
            }
            push *= e.getValue();
            if (push > 0.05 && !e.getKey().startsWith("s:len=") && !e.getKey().startsWith("s:authors=")) {
                pushes.add(Map.entry(e.getKey(), push + (e.getKey().startsWith("s:") ? 100 : 0)));
            }
        }
        pushes.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return pushes.stream().limit(n).map(Map.Entry::getKey).toList();
    }

    private static List<Classifier.TopicScore> modelTopics(LinearModel topic, Map<String, Double> x) {
        double[] p = probabilities(topic, x);
        List<Classifier.TopicScore> all = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            Topic t = Topic.fromCode(topic.labels[i]).orElse(null);
            if (t != null) {
                all.add(new Classifier.TopicScore(t, Math.round(p[i] * 1000) / 1000.0, "model"));
            }
        }
        all.sort(Comparator.comparingDouble(Classifier.TopicScore::confidence).reversed()
                .thenComparing(s -> s.topic().ordinal()));
        List<Classifier.TopicScore> out = new ArrayList<>();
        for (Classifier.TopicScore s : all) {
            int i = topic.index(s.topic().code());
            if (out.isEmpty() || s.confidence() >= (i < 0 ? Classifier.TOPIC_THRESHOLD : topic.thresholds[i])) {
                out.add(s);
            }
        }
        return out;
    }

    // --- generated items ---

    private static final String[] PHRASES = {"We propose", "in this paper", "state-of-the-art", "we show that",
        "Extensive experiments", "the company said", "available today", "announced", "benchmark"};
    private static final String[] LINKS = {"https://arxiv.org/abs/2611.%05d", "https://openreview.net/forum?id=x%d",
        "https://github.com/lab/repo%d", "https://doi.org/10.1000/%d", "https://example.org/research/post-%d",
        "https://example.org/news/2026/%d", "https://example.org/%d", "https://huggingface.co/papers/2611.%05d"};
    private static final String[] HINTS = {"mixed", "news", "research", "", null, "Lab"};

    /**
     * Items of every shape, seeded: titles and summaries from the models' own words (so most
     * features are known to a model) mixed with made-up words, digits, punctuation and capitals;
     * empty texts, summaries past {@link Features#MAX_SUMMARY}, links of each kind, DOIs, arXiv
     * ids, author counts, kind hints and sometimes arXiv categories.
     */
    private List<ItemFeatures> generated(int n) {
        List<String> vocabulary = classifier.kind.weights.keySet().stream().filter(k -> k.startsWith("w:"))
                .map(k -> k.substring(2)).sorted().toList();
        List<String> topicWords = classifier.topic.weights.keySet().stream().filter(k -> k.startsWith("t:"))
                .map(k -> k.substring(2)).sorted().toList();
        Random r = new Random(20261201L);
        List<ItemFeatures> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int size = switch (i % 5) {
                case 0 -> 0;
                case 1 -> r.nextInt(20);
                case 2 -> 50 + r.nextInt(150);
                default -> 150 + r.nextInt(350);
            };
            String title = text(r, i % 2 == 0 ? topicWords : vocabulary, r.nextInt(i % 17 == 0 ? 2 : 14), i % 4 == 0);
            if (i % 9 == 0) {
                title = "Name" + i + ": " + title;
            }
            String summary = text(r, vocabulary, i % 5 == 0 && i % 10 != 0 ? 0 : size, true);
            String arxiv = i % 4 == 1 ? String.format(Locale.ROOT, "2611.%05d", i) : null;
            String doi = i % 11 == 3 ? "10.1000/" + i : null;
            List<String> links = new ArrayList<>();
            for (int l = r.nextInt(3); l > 0; l--) {
                links.add(String.format(Locale.ROOT, LINKS[r.nextInt(LINKS.length)], i));
            }
            List<String> categories = i % 13 == 0 ? List.of("cs.CV") : i % 13 == 1 ? List.of("cs.LG") : List.of();
            out.add(new ItemFeatures(title, summary, arxiv, doi, links, r.nextInt(9), HINTS[r.nextInt(HINTS.length)],
                    categories));
        }
        return out;
    }

    private static String text(Random r, List<String> words, int n, boolean phrases) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                s.append(switch (r.nextInt(12)) {
                    case 0 -> ". ";
                    case 1 -> ", ";
                    case 2 -> "\n\n";
                    case 3 -> "-";
                    default -> " ";
                });
            }
            int pick = r.nextInt(20);
            if (pick == 0) {
                s.append("zq").append(Integer.toString(r.nextInt(100_000), 36)); // a word no model knows
            } else if (pick == 1 && phrases) {
                s.append(PHRASES[r.nextInt(PHRASES.length)]);
            } else if (pick == 2) {
                s.append(r.nextInt(3000));
            } else if (pick == 3) {
                s.append("a"); // one letter: not a word
            } else {
                String w = words.get(r.nextInt(words.size()));
                s.append(pick == 4 ? w.toUpperCase(Locale.ROOT) : w);
            }
        }
        return s.toString();
    }
}
