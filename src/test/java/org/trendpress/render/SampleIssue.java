package org.trendpress.render;

import java.time.Instant;
import java.util.List;

import org.trendpress.render.IssueModel.DatasetEntry;
import org.trendpress.render.IssueModel.Links;
import org.trendpress.render.IssueModel.NewsEntry;
import org.trendpress.render.IssueModel.Reference;
import org.trendpress.render.IssueModel.RelatedWork;
import org.trendpress.render.IssueModel.ResearchEntry;

/**
 * A realistic but entirely fictional October 2026 Issue for golden-file tests. Every name,
 * paper and link here is invented; example.org hosts are used on purpose. Its notes cite the
 * two References ([[text | url]]), one of them twice in a row with the other.
 */
final class SampleIssue {

    static final String UNSUBSCRIBE_URL = "https://trendpress.example.org/unsubscribe?token=3f9c2a7d";

    private SampleIssue() {}

    static IssueModel october2026() {
        return new IssueModel(
                "Trends in AI",
                "2026-10",
                "October 2026",
                "Trends in AI — October 2026",
                "Small models that plan, a public audit of speech benchmarks, sparse attention that"
                        + " finally ships, and a new open dataset for lab robotics.",
                List.of(
                        "October felt like a month of consolidation: fewer headline launches, more"
                                + " careful work on making existing systems cheaper, better measured and"
                                + " easier to trust. Picking only three papers out of the pile was not easy.",
                        "As usual we start with the news, then go through the research we think you"
                                + " should not miss, and close with a short list of new datasets and benchmarks."),
                List.of(
                        new NewsEntry(
                                "Northwind Labs opens its 9B reasoning model under Apache-2.0",
                                "https://news.example.org/northwind-9b-open-weights",
                                "The release includes training logs and the evaluation harness, which makes it"
                                        + " one of the more reproducible open models of the year."),
                        new NewsEntry(
                                "The European AI Office publishes its first code-of-practice audit",
                                "https://news.example.org/ai-office-audit-2026",
                                "Twelve providers were reviewed; the report is blunt about gaps in incident"
                                        + " reporting & red-teaming documentation.")),
                List.of(
                        new ResearchEntry(
                                1,
                                "Plan Small, Act Big: Compact Planners for Long-Horizon Agents",
                                "https://arxiv.org/abs/2610.01234",
                                "https://github.com/example-lab/plan-small",
                                "https://plan-small.example.org",
                                List.of("Ines Marlow", "Tomasz Okafor", "Hye-jin Park", "Rafael Duarte"),
                                List.of("Most agent systems route every decision through one very large model."
                                        + " If a model fifty times smaller can do the planning, agents get much"
                                        + " cheaper to run."),
                                List.of("The authors distil plans, not actions[[“Distilling Step-by-Step Search"
                                                + " Traces” by Ana Lindqvist et al. 2025. | https://arxiv.org/abs/2503.00001]]:"
                                                + " a 1B planner is trained on the"
                                                + " search traces of a large model and proposes sub-goals, while a"
                                                + " frozen executor carries them out.",
                                        "On three web-navigation suites the compact planner recovers 94% of the"
                                                + " large model's success rate at 6% of the cost."),
                                List.of(
                                        new RelatedWork("Sub-goal Distillation for Web Agents",
                                                "https://arxiv.org/abs/2609.04567"),
                                        new RelatedWork("When Do Agents Need Big Models?",
                                                "https://arxiv.org/abs/2608.07788"))),
                        new ResearchEntry(
                                2,
                                "Auditing Speech Benchmarks: Leakage, Accents and Label Noise",
                                "https://arxiv.org/abs/2610.02345",
                                null,
                                null,
                                List.of("Amara Nwosu", "Leif Halvorsen"),
                                List.of("Speech recognition results are reported to the tenth of a point on"
                                        + " test sets that nobody has re-read in years."),
                                List.of("Between 3% and 11% of test utterances in four popular benchmarks"
                                        + " overlap with common pre-training corpora, and accented speakers are"
                                        + " under-represented by a factor of four."),
                                List.of()),
                        new ResearchEntry(
                                3,
                                "Sparse Attention That Ships: Block-Sparse Kernels for Commodity GPUs",
                                "https://arxiv.org/abs/2610.03456",
                                "https://github.com/example-org/blocksparse",
                                null,
                                List.of("Chen Wei"),
                                List.of("Sparse attention[[“Long-Context Attention Without Tears” by Omar Haddad"
                                        + " et al. 2024.]] has been a paper-only speed-up for years; this one"
                                        + " comes with kernels that are fast on hardware people actually own."),
                                List.of("Fixed block patterns chosen per layer at calibration time keep the"
                                        + " memory access regular, giving 2.1× end-to-end speed-ups at 128k"
                                        + " context with under 0.3 points of quality loss, the same budget as"
                                        + " distilled planners[[Distilling Step-by-Step Search Traces"
                                        + " | https://arxiv.org/abs/2503.00001]][[“Long-Context Attention Without Tears”"
                                        + " by Omar Haddad et al. 2024.]]."),
                                List.of(new RelatedWork("Calibrated Sparsity Patterns for Long Context",
                                        "https://arxiv.org/abs/2607.01122")))),
                List.of(
                        new DatasetEntry("BenchLab-Manip: 40k Teleoperated Lab-Robotics Episodes",
                                "https://arxiv.org/abs/2610.04567",
                                "Pipetting, capping and plate handling recorded on two robot arms, with"
                                        + " failure labels."),
                        new DatasetEntry("CiteCheck: Verifying Citations in Generated Reports",
                                "https://arxiv.org/abs/2610.05678",
                                "A benchmark of 9,000 claims to test whether a cited source really supports"
                                        + " a sentence.")),
                List.of(
                        new Reference(1, "“Distilling Step-by-Step Search Traces” by Ana Lindqvist et al. 2025.",
                                "https://arxiv.org/abs/2503.00001"),
                        new Reference(2, "“Long-Context Attention Without Tears” by Omar Haddad et al. 2024.",
                                null)),
                new Links(
                        "https://trendpress.example.org/issues/2026-10/",
                        "https://trendpress.example.org/issues/",
                        "https://trendpress.example.org/issues/feed.xml",
                        "https://trendpress.example.org/subscribe"),
                Instant.parse("2026-11-02T08:00:00Z"),
                trend());
    }

    /** October 2026 against May–September 2026; invented counts. */
    static TopicTrend trend() {
        return new TopicTrend("October 2026", "May–September 2026", 20, 96, List.of(
                new TopicTrend.TopicShare("Language", 7, 30),
                new TopicTrend.TopicShare("Computer vision", 4, 22),
                new TopicTrend.TopicShare("RL and robotics", 3, 9),
                new TopicTrend.TopicShare("Core ML", 3, 17),
                new TopicTrend.TopicShare("Speech and audio", 2, 6),
                new TopicTrend.TopicShare("Safety and security", 1, 12)));
    }
}
