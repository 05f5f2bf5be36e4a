package org.trendpress.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the research and news scores' behaviour: which signal moves a candidate, and how much. */
class ScoringTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant MID = Instant.parse("2026-10-15T00:00:00Z");
    private static final Scoring.Window WINDOW = new Scoring.Window(START, END, END);

    private static Score paper(int mentions, int upvotes, int stars, boolean code, Instant at, double weight) {
        return Scoring.research(new Scoring.Signals(mentions, upvotes, stars, 0, code, at, weight, null), WINDOW);
    }

    @Test
    void aPaperSeenAtThreeSourcesWithCodeRanksAboveALoneOneOfTheSameDate() {
        Score three = paper(3, 0, 0, true, MID, 1.0);
        Score lone = paper(1, 0, 0, false, MID, 1.0);
        assertThat(three.value()).isGreaterThan(lone.value());
        assertThat(three.reasons()).isEqualTo("3 sources · code");
        assertThat(lone.reasons()).isEqualTo("1 source");
        // more sources alone also lift a paper
        assertThat(paper(3, 0, 0, false, MID, 1.0).value()).isGreaterThan(lone.value());
    }

    @Test
    void upvotesAndStarsRaiseRankWithDiminishingReturns() {
        double none = paper(1, 0, 0, false, MID, 1.0).value();
        double ten = paper(1, 10, 0, false, MID, 1.0).value();
        double hundred = paper(1, 100, 0, false, MID, 1.0).value();
        double thousand = paper(1, 1000, 0, false, MID, 1.0).value();
        assertThat(ten).isGreaterThan(none);
        assertThat(hundred).isGreaterThan(ten);
        assertThat(thousand).isGreaterThan(hundred);
        // each further upvote is worth less: per upvote, 100→1000 gains far less than 10→100
        assertThat((thousand - hundred) / 900).isLessThan((hundred - ten) / 90 / 5);
        // and a hundred times the upvotes is far from a hundred times the gain
        assertThat(thousand - none).isLessThan(4 * (ten - none));
        // a viral paper seen at one source does not drown a paper seen at four sources with code
        assertThat(paper(4, 20, 0, true, MID, 1.0).value()).isGreaterThan(paper(1, 1000, 0, false, MID, 1.0).value());

        double s100 = paper(1, 0, 100, false, MID, 1.0).value();
        double s1000 = paper(1, 0, 1000, false, MID, 1.0).value();
        double s10000 = paper(1, 0, 10000, false, MID, 1.0).value();
        assertThat(s100).isGreaterThan(none);
        assertThat(s10000 - s1000).isLessThan((s1000 - none));
    }

    @Test
    void reasonsReadLikeTheEditorWouldSayThem() {
        assertThat(paper(1, 143, 50, false, MID, 1.0).reasons()).isEqualTo("1 source · 143 upvotes · ★ 50");
        assertThat(paper(3, 143, 1234, true, Instant.parse("2026-10-28T00:00:00Z"), 1.0).reasons())
                .isEqualTo("3 sources · 143 upvotes · ★ 1.2k · code · new this week");
        assertThat(Scoring.compact(15_400)).isEqualTo("15k");
        assertThat(Scoring.compact(2_000)).isEqualTo("2k");
        // while the month runs, "this week" is the week before now
        Scoring.Window running = new Scoring.Window(START, END, Instant.parse("2026-10-20T00:00:00Z"));
        assertThat(Scoring.research(new Scoring.Signals(1, 0, 0, 0, false, Instant.parse("2026-10-18T00:00:00Z"), 1,
                null), running).reasons()).contains("new this week");
        assertThat(Scoring.research(new Scoring.Signals(1, 0, 0, 0, false, Instant.parse("2026-10-05T00:00:00Z"), 1,
                null), running).reasons()).doesNotContain("new this week");
    }

    @Test
    void laterInTheWindowIsFresher() {
        assertThat(Scoring.recency(START, START, END)).isZero();
        assertThat(Scoring.recency(END, START, END)).isEqualTo(1.0);
        assertThat(paper(1, 0, 0, false, Instant.parse("2026-10-25T00:00:00Z"), 1.0).value())
                .isGreaterThan(paper(1, 0, 0, false, Instant.parse("2026-10-03T00:00:00Z"), 1.0).value());
        // recency breaks ties, it does not outweigh a second source
        assertThat(paper(2, 0, 0, false, START, 1.0).value()).isGreaterThan(paper(1, 0, 0, false, END, 1.0).value());
        assertThat(Scoring.news(1.0, END, START, END).value()).isGreaterThan(Scoring.news(1.0, START, START, END).value());
    }

    @Test
    void anEditorsSourceWeightScalesTheScoreAndShows() {
        Score heavy = paper(1, 0, 0, false, MID, 2.0);
        Score neutral = paper(1, 0, 0, false, MID, 1.0);
        assertThat(heavy.value()).isEqualTo(neutral.value() * 2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(heavy.reasons()).isEqualTo("1 source · source weight 2");
        assertThat(paper(1, 0, 0, false, MID, 0.5).value()).isLessThan(neutral.value());
        assertThat(paper(1, 0, 0, false, MID, 0).value()).isEqualTo(neutral.value()); // unknown weight is neutral
        assertThat(Scoring.news(2.0, MID, START, END).reasons()).isEqualTo("1 source · source weight 2");
    }

    @Test
    void newsCoveredByMoreOutletsRanksHigher() {
        Score four = Scoring.news(1.0, 4, MID, WINDOW);
        Score one = Scoring.news(1.0, 1, MID, WINDOW);
        assertThat(four.value()).isGreaterThan(one.value());
        assertThat(four.reasons()).isEqualTo("4 sources");
        // coverage outweighs a few days of freshness
        assertThat(Scoring.news(1.0, 2, START, WINDOW).value()).isGreaterThan(Scoring.news(1.0, 1, MID, WINDOW).value());
    }

    @Test
    void topicDiversityLetsALanguagePaperIntoATopTenOfVisionPapers() {
        List<Scoring.Ranked<String>> papers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            papers.add(new Scoring.Ranked<>("vision-" + i, new Score(10.5 + i * 0.05, "1 source"), "vision"));
        }
        papers.add(new Scoring.Ranked<>("language", new Score(10.0, "1 source"), "language"));
        papers.add(new Scoring.Ranked<>("untagged", new Score(1.0, "1 source"), null));

        List<Scoring.Ranked<String>> ranked = Scoring.diversify(papers);
        List<String> top10 = ranked.subList(0, 10).stream().map(Scoring.Ranked::key).toList();
        assertThat(top10).contains("language");
        assertThat(top10.indexOf("language")).isEqualTo(2); // after the two free vision papers
        assertThat(ranked.get(0).key()).isEqualTo("vision-9");
        assertThat(ranked.get(0).score().reasons()).isEqualTo("1 source · topic: vision");
        assertThat(ranked.get(3).score().reasons()).contains("topic: vision", "for diversity: 2 vision papers above");
        assertThat(ranked.get(ranked.size() - 1).key()).isEqualTo("untagged");
        // the stored scores stay in rank order
        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i).score().value()).isLessThanOrEqualTo(ranked.get(i - 1).score().value());
        }
        // without the diversity re-rank the language paper would be eleventh
        assertThat(papers.stream().filter(p -> p.score().value() > 10.0).count()).isEqualTo(10);
    }
}
