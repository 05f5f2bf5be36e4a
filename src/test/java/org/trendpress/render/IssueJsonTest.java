package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssueJsonTest {

    @Test
    void roundTripWritesInstantsAsText() {
        IssueModel issue = new IssueModel("Trends in AI", "2026-10", "October 2026", "Trends in AI — October 2026",
                "Summary", List.of("Intro"), List.of(new IssueModel.NewsEntry("H", "https://example.org/n", "T")),
                List.of(), List.of(), List.of(), new IssueModel.Links("w", "a", "f", "s"),
                Instant.parse("2026-11-01T08:00:00Z"));
        String json = IssueJson.write(issue);
        assertThat(json).contains("\"publishedAt\":\"2026-11-01T08:00:00Z\"");
        assertThat(IssueJson.read(json)).isEqualTo(issue);
        assertThatThrownBy(() -> IssueJson.read("{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
