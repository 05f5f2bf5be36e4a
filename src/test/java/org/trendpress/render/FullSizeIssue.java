package org.trendpress.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.trendpress.render.IssueModel.DatasetEntry;
import org.trendpress.render.IssueModel.Links;
import org.trendpress.render.IssueModel.NewsEntry;
import org.trendpress.render.IssueModel.Reference;
import org.trendpress.render.IssueModel.RelatedWork;
import org.trendpress.render.IssueModel.ResearchEntry;
import org.trendpress.render.TopicTrend.TopicShare;

/**
 * A full-size fictional Issue: 10 research entries, 8 news items, 4 datasets, a reference per
 * paper and a topic trend over all eleven topics, with paragraphs as long as the real issues'
 * (../shared/seeds). Used by the size test of the HTML email and by bench/render (public for it).
 */
public final class FullSizeIssue {

    public static final String UNSUBSCRIBE_URL = "https://trendpress.example.org/unsubscribe?token=AbCdEfGhIjKlMnOpQrStUv";

    private static final String[] TOPICS = {"Language", "Computer vision", "Multimodal", "RL and robotics", "Core ML",
        "Speech and audio", "Safety and security", "AI for science and health", "Recommender and IR", "Graph ML",
        "AI and society"};

    private FullSizeIssue() {}

    public static IssueModel create() {
        List<NewsEntry> news = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            news.add(new NewsEntry("News story " + i + ": a lab announces a model, a policy or a benchmark result",
                    "https://news.example.org/2026/10/story-" + i,
                    sentence(i, 3)));
        }
        List<ResearchEntry> research = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            research.add(new ResearchEntry(i,
                    "Paper " + i + ": A Reasonably Long Title About Scaling, Planning and Evaluation of Models",
                    "https://arxiv.org/abs/2610.0" + (1000 + i),
                    i % 2 == 0 ? "https://github.com/example-lab/paper-" + i : null,
                    i % 3 == 0 ? "https://paper-" + i + ".example.org" : null,
                    List.of("Ada Author", "Ben Writer", "Chen Researcher", "Dana Scientist", "Eli Engineer"),
                    List.of(sentence(i, 4)),
                    List.of(sentence(i + 1, 6), sentence(i + 2, 6), sentence(i + 3, 4)),
                    List.of(new RelatedWork("A related work on the same question, " + i, "https://arxiv.org/abs/2609.0" + (2000 + i)),
                            new RelatedWork("Another related work, " + i, "https://arxiv.org/abs/2608.0" + (3000 + i)))));
            references.add(new Reference(i, "“Paper " + i + "” by Ada Author et al. 2026.", "https://arxiv.org/abs/2610.0" + (1000 + i)));
        }
        List<DatasetEntry> datasets = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            datasets.add(new DatasetEntry("Dataset " + i + ": a benchmark for something hard", "https://arxiv.org/abs/2610.0" + (5000 + i),
                    sentence(i, 2)));
        }
        List<TopicShare> shares = new ArrayList<>();
        int month = 0;
        int previous = 0;
        for (int i = 0; i < TOPICS.length; i++) {
            int m = (TOPICS.length - i) % 5 + 1;
            int p = (i * 7) % 13 + 2;
            shares.add(new TopicShare(TOPICS[i], m, p));
            month += m;
            previous += p;
        }
        return new IssueModel("Trends in AI", "2026-10", "October 2026", "Trends in AI — October 2026",
                "Ten papers and eight news stories: planning agents, speech benchmarks, sparse attention, lab"
                        + " robotics and more.",
                List.of(sentence(1, 4), sentence(2, 3)), news, research, datasets, references,
                new Links("https://trendpress.example.org/issues/2026-10/", "https://trendpress.example.org/issues/",
                        "https://trendpress.example.org/issues/feed.xml", "https://trendpress.example.org/subscribe"),
                Instant.parse("2026-11-02T08:00:00Z"),
                new TopicTrend("October 2026", "May–September 2026", month, previous, shares));
    }

    /** {@code n} sentences of ordinary length, varying with {@code seed}. */
    private static String sentence(int seed, int n) {
        String[] parts = {
            "The authors train a compact model on the traces of a much larger one and show that most of the quality survives the move.",
            "Evaluation covers three public suites and a new held-out set, with ablations that isolate where the gains come from.",
            "What makes the result interesting is less the headline number than how cheap it is to reproduce on ordinary hardware.",
            "The paper is careful about leakage between training and test data, which is rarer than it should be in this area.",
            "Code and checkpoints are released, and the appendix documents the failure cases rather than hiding them.",
            "Whether the approach holds at larger scale remains open, but the trend across model sizes is encouraging."};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(parts[(seed + i) % parts.length]);
        }
        return sb.toString();
    }
}
