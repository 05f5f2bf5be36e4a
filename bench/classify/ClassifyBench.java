import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.ItemFeatures;
import org.trendpress.classify.RuleClassifier;

/**
 * 10,000 items through the trained classifier (kind, confidence, reason, topics) and through the
 * RuleClassifier, in one run. Start-up (loading the models) is timed apart; each side gets a
 * warm-up pass over the same items first, then the timed pass.
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
