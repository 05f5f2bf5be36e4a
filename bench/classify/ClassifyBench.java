import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.ItemFeatures;
import org.trendpress.classify.RuleClassifier;

/**
 * 10,000 items through the trained classifier (kind, confidence, reason, topics) and through the
 * RuleClassifier, in one run. Start-up (loading the models) is timed apart; each side gets a
 * warm-up pass over the same items first, then the timed pass.
 *
 * <p>Then the CPU cost of {@code Classifier.classify} per item on long summaries, as the ingest
 * bench's feeds carry them (2 to 4 paragraphs of plain text, 1,000 to 2,000+ characters; the
 * classifier reads the first 2,000): the median of 7 passes over 2,000 such items, each pass timed
 * with the thread's CPU clock (not wall time, so other work on a shared machine counts less).
 */
public final class ClassifyBench {

    private static final String[] TITLES = {
        "Sparse attention for long-context language models", "Startup raises new funding for AI chips",
        "Scheduled maintenance on the dashboard", "Diffusion priors for single-image depth",
        "Lab launches a coding assistant for teams", "Offline reinforcement learning for robot arms",
        "Regulators question chatbot advertising", "Graph neural networks for molecule property prediction"};
    private static final String[] SUMMARIES = {
        "We propose a method and show that it outperforms state-of-the-art baselines on three benchmarks.",
        "The company said the round was led by venture investors and that it will hire more engineers.",
        "The service will be unavailable for two hours while we upgrade the database.",
        "In this paper we study how a pretrained image diffusion model can estimate depth from one photo.",
        "The assistant is available today for paying customers, the company announced on its blog."};

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<ItemFeatures> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String title = TITLES[i % TITLES.length] + " " + i;
            String summary = SUMMARIES[i % SUMMARIES.length] + " " + SUMMARIES[(i / 7) % SUMMARIES.length];
            String arxiv = i % 3 == 0 ? String.format(Locale.ROOT, "2611.%05d", i) : null;
            items.add(new ItemFeatures(title, summary, arxiv, null,
                    arxiv == null ? List.of("https://example.org/post/" + i) : List.of("https://arxiv.org/abs/" + arxiv),
                    i % 6, i % 2 == 0 ? "mixed" : "news", i % 5 == 0 ? List.of("cs.LG") : List.of()));
        }
        long t0 = System.nanoTime();
        Classifier model = Classifier.bundled();
        double startup = (System.nanoTime() - t0) / 1e9;
        RuleClassifier rules = new RuleClassifier();

        run(model, items); // warm-up
        double modelSecs = run(model, items);
        run(rules, items);
        double ruleSecs = run(rules, items);

        System.out.printf(Locale.ROOT, "start-up (load models): %.3f s%n", startup);
        System.out.printf(Locale.ROOT, "model classifier: %d items in %.3f s = %.0f items/s (target: all in < 2 s)%n",
                n, modelSecs, n / modelSecs);
        System.out.printf(Locale.ROOT, "peer RuleClassifier: %d items in %.3f s = %.0f items/s%n", n, ruleSecs, n / ruleSecs);
        System.out.printf(Locale.ROOT, "ratio model/peer time: %.1fx%n", modelSecs / ruleSecs);

        List<ItemFeatures> longItems = longSummaryItems(2_000);
        int chars = longItems.stream().mapToInt(f -> f.summary().length()).sum();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) {
            run(model, longItems); // warm-up
        }
        double[] cpuMicros = new double[7];
        double[] wallMicros = new double[cpuMicros.length];
        for (int i = 0; i < cpuMicros.length; i++) {
            long cpu = mx.getCurrentThreadCpuTime();
            wallMicros[i] = run(model, longItems) * 1e6 / longItems.size();
            cpuMicros[i] = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / longItems.size();
        }
        Arrays.sort(cpuMicros);
        Arrays.sort(wallMicros);
        System.out.printf(Locale.ROOT, "long summaries (%d items, %d chars on average): classify %.1f us CPU per item"
                + " (median of %d passes; fastest %.1f, slowest %.1f); wall %.1f us per item%n", longItems.size(),
                chars / longItems.size(), cpuMicros[cpuMicros.length / 2], cpuMicros.length, cpuMicros[0],
                cpuMicros[cpuMicros.length - 1], wallMicros[wallMicros.length / 2]);
    }

    private static final String[] LONG_WORDS = ("attention transformer sparse diffusion agent reasoning benchmark"
            + " retrieval alignment scaling token routing memory vision language policy reward graph causal robust"
            + " efficient quantised distillation latent planning tool multimodal dataset evaluation kernel compiler"
            + " inference training curriculum synthetic preference feedback mixture expert context window speculative"
            + " decoding protein weather robotics audio video code search safety interpretability circuit probe the a"
            + " of and to in we our model models results show that this for with on is are new company said release"
            + " customers available today announced funding startup investors product team open source image speech"
            + " medical patients privacy attack fairness users recommendation node molecule segmentation").split(" ");
    private static final String[] SYLLABLES = ("ka lo mi re tu sa vo ne pi da gor fen lix mar tor vel quin zar")
            .split(" ");

    /** Items with 2 to 4 paragraphs of summary, words from a pool plus made-up names, seeded. */
    private static List<ItemFeatures> longSummaryItems(int n) {
        Random r = new Random(20261201L);
        List<ItemFeatures> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder(2400);
            for (int p = 2 + r.nextInt(3); p > 0; p--) {
                for (int w = 50 + r.nextInt(40); w > 0; w--) {
                    if (r.nextInt(12) == 0) {
                        s.append(SYLLABLES[r.nextInt(SYLLABLES.length)]).append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
                    } else {
                        s.append(LONG_WORDS[r.nextInt(LONG_WORDS.length)]);
                    }
                    s.append(r.nextInt(9) == 0 ? ". " : " ");
                }
                s.append("\n\n");
            }
            String title = TITLES[i % TITLES.length] + " " + LONG_WORDS[r.nextInt(LONG_WORDS.length)];
            String arxiv = i % 3 == 0 ? String.format(Locale.ROOT, "2611.%05d", i) : null;
            out.add(new ItemFeatures(title, s.toString(), arxiv, null, arxiv == null
                    ? List.of("https://example.org/blog/post-" + i) : List.of("https://arxiv.org/abs/" + arxiv),
                    i % 7, i % 2 == 0 ? "mixed" : "news", i % 10 == 0 ? List.of("cs.LG") : List.of()));
        }
        return out;
    }

    private static double run(org.trendpress.classify.ItemClassifier c, List<ItemFeatures> items) {
        long t = System.nanoTime();
        long research = 0;
        for (ItemFeatures f : items) {
            research += c.classify(f).kind().ordinal();
        }
        double secs = (System.nanoTime() - t) / 1e9;
        if (research < 0) {
            System.out.println(research);
        }
        return secs;
    }
}
