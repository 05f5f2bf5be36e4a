package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewsEventsTest {

    private static NewsEvents.Story story(long id, String title, String summary, String at) {
        return new NewsEvents.Story(id, title, summary, Instant.parse(at));
    }

    @Test
    void twoOutletsReportingTheSameLaunchBecomeOneEvent() {
        List<NewsEvents.Story> stories = List.of(
                story(1, "Kestrel Labs launches Osprey 3, its open-weights reasoning model",
                        "Kestrel Labs released Osprey 3 on Tuesday under an open licence.", "2026-10-07T09:00:00Z"),
                story(2, "Chip supplier Balder posts record quarter", "Balder's revenue doubled on accelerator demand.",
                        "2026-10-07T10:00:00Z"),
                story(3, "Osprey 3 from Kestrel Labs arrives with open weights",
                        "The open-weights Osprey 3 reasoning model is available from Kestrel Labs today.",
                        "2026-10-07T15:00:00Z"),
                story(4, "City council votes to limit facial recognition in parks",
                        "The measure passed by a narrow margin.", "2026-10-07T16:00:00Z"));
        List<List<NewsEvents.Story>> events = NewsEvents.group(stories);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).extracting(NewsEvents.Story::id).containsExactly(1L, 3L);
        assertThat(events.get(1)).extracting(NewsEvents.Story::id).containsExactly(2L);
        assertThat(events.get(2)).extracting(NewsEvents.Story::id).containsExactly(4L);
    }

    @Test
    void unrelatedStoriesOfTheSameDayStayApart() {
        List<NewsEvents.Story> stories = List.of(
                story(1, "Startup raises $40M for warehouse robots", "Funding round led by a growth fund.",
                        "2026-10-09T08:00:00Z"),
                story(2, "Regulator publishes draft rules for model audits", "Comments are open until December.",
                        "2026-10-09T09:00:00Z"));
        assertThat(NewsEvents.group(stories)).hasSize(2);
    }

    @Test
    void theSameHeadlineWeeksApartIsTwoEvents() {
        List<NewsEvents.Story> stories = List.of(
                story(1, "Kestrel Labs launches Osprey 3", "Open weights.", "2026-10-01T09:00:00Z"),
                story(2, "Kestrel Labs launches Osprey 3", "Open weights.", "2026-10-20T09:00:00Z"));
        assertThat(NewsEvents.group(stories)).hasSize(2);
        assertThat(NewsEvents.group(List.of())).isEmpty();
    }
}
