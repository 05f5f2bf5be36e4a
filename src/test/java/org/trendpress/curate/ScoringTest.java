package org.trendpress.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScoringTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant MID = Instant.parse("2026-10-15T00:00:00Z");

    @Test
    void aPaperSeenAtThreeSourcesWithCodeRanksAboveALoneOneOfTheSameDate() {
        Score three = Scoring.research(3, 0, 0, true, MID, START, END, 1.0);
        Score lone = Scoring.research(1, 0, 0, false, MID, START, END, 1.0);
        assertThat(three.value()).isGreaterThan(lone.value());
        assertThat(three.reasons()).isEqualTo("3 sources · code");
        assertThat(lone.reasons()).isEqualTo("1 source");
    }

    @Test
    void upvotesAndStarsCountAndShowInTheReasons() {
        Score s = Scoring.research(1, 143, 50, false, MID, START, END, 1.0);
        assertThat(s.reasons()).isEqualTo("1 source · 143 upvotes · 50 stars");
        assertThat(s.value()).isGreaterThan(Scoring.research(1, 0, 0, false, MID, START, END, 1.0).value());
    }

    @Test
    void laterInTheWindowIsFresher() {
        assertThat(Scoring.recency(START, START, END)).isZero();
        assertThat(Scoring.recency(END, START, END)).isEqualTo(1.0);
        assertThat(Scoring.news(1.0, END, START, END).value()).isGreaterThan(Scoring.news(1.0, START, START, END).value());
        assertThat(Scoring.news(2.0, MID, START, END).reasons()).isEqualTo("news · source weight 2");
    }
}
