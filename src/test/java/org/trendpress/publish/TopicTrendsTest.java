package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trendpress.classify.Topic;
import org.trendpress.render.TopicTrend;

class TopicTrendsTest {

    @Test
    void sharesOfThisMonthAgainstTheMonthsBeforeSortedByThisMonth() {
        TopicTrend trend = TopicTrends.trend(YearMonth.of(2026, 10),
                List.of(Topic.LANGUAGE, Topic.LANGUAGE, Topic.VISION, Topic.CORE_ML),
                List.of(Topic.VISION, Topic.VISION, Topic.SOCIETY, Topic.LANGUAGE));
        assertThat(trend.monthLabel()).isEqualTo("October 2026");
        assertThat(trend.previousLabel()).isEqualTo("May–September 2026");
        assertThat(trend.monthTotal()).isEqualTo(4);
        assertThat(trend.previousTotal()).isEqualTo(4);
        assertThat(trend.topics()).extracting(TopicTrend.TopicShare::topic)
                .containsExactly("Language", "Computer vision", "Core ML", "AI and society");
        assertThat(trend.description()).contains("Language 50% (25%)", "Computer vision 25% (50%)", "AI and society 0% (25%)");
    }

    @Test
    void noEarlierPapersNoComparison() {
        TopicTrend trend = TopicTrends.trend(YearMonth.of(2026, 10), List.of(Topic.GRAPH_ML), List.of());
        assertThat(trend.previousLabel()).isNull();
        assertThat(trend.description()).isEqualTo("Share of research papers per topic, October 2026 (1 paper): Graph ML 100%.");
        assertThat(TopicTrends.trend(YearMonth.of(2026, 10), List.of(), List.of()).drawable()).isFalse();
    }

    @Test
    void theEarlierMonthsCrossingANewYear() {
        assertThat(TopicTrends.previousLabel(YearMonth.of(2026, 3))).isEqualTo("October 2025–February 2026");
        assertThat(TopicTrends.previousLabel(YearMonth.of(2026, 6))).isEqualTo("January–May 2026");
    }
}
