package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

class ArchiveFeedTest {

    private static final String SITE = "https://trendpress.example.org/issues/";
    private static final String FEED = "https://trendpress.example.org/issues/feed.xml";

    private static FeedEntry issue(String month, Instant at) {
        return new FeedEntry("Trends in AI — " + month, SITE + month + "/", "Summary of " + month + ".", at, null);
    }

    @Test
    void parsesBackWithRomeNewestFirst() throws Exception {
        List<FeedEntry> entries = List.of(
                issue("2026-09", Instant.parse("2026-10-01T08:00:00Z")),
                new FeedEntry("Trends in AI — 2026-10", SITE + "2026-10/", "Plans & <b>kernels</b>.",
                        Instant.parse("2026-11-02T08:00:00Z"), "<h1>Trends in AI — October 2026</h1>"));

        String xml = ArchiveFeed.rss("Trends in AI", SITE, FEED, entries);
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Trends in AI");
        assertThat(feed.getLink()).isEqualTo(SITE);
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Trends in AI — 2026-10", "Trends in AI — 2026-09");
        assertThat(feed.getEntries()).extracting(SyndEntry::getLink)
                .containsExactly(SITE + "2026-10/", SITE + "2026-09/");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
                .containsExactly(SITE + "2026-10/", SITE + "2026-09/");
        SyndEntry newest = feed.getEntries().get(0);
        assertThat(newest.getPublishedDate()).isEqualTo(Date.from(Instant.parse("2026-11-02T08:00:00Z")));
        assertThat(newest.getContents()).singleElement()
                .satisfies(c -> assertThat(c.getValue()).isEqualTo("<h1>Trends in AI — October 2026</h1>"));
        // the plain-text summary survives a reader's HTML decoding as text, not markup
        assertThat(newest.getDescription().getValue()).isEqualTo("Plans &amp; &lt;b&gt;kernels&lt;/b&gt;.");

        assertThat(xml)
                .contains("<guid>" + SITE + "2026-10/</guid>")
                .doesNotContain("isPermaLink=\"false\"")
                .contains("<lastBuildDate>Mon, 02 Nov 2026 08:00:00 GMT</lastBuildDate>")
                .contains("rel=\"self\"").contains("href=\"" + FEED + "\"");
    }

    @Test
    void keepsTheTwentyNewestAndIsDeterministic() throws Exception {
        List<FeedEntry> entries = new ArrayList<>();
        Instant start = Instant.parse("2024-01-02T08:00:00Z");
        for (int i = 0; i < 25; i++) {
            entries.add(issue("n" + i, start.plus(31L * i, ChronoUnit.DAYS)));
        }
        String xml = ArchiveFeed.rss("Trends in AI", SITE, FEED, entries);
        List<FeedEntry> shuffled = new ArrayList<>(entries);
        Collections.reverse(shuffled);
        assertThat(ArchiveFeed.rss("Trends in AI", SITE, FEED, shuffled)).isEqualTo(xml);

        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getEntries()).hasSize(ArchiveFeed.MAX_ITEMS);
        assertThat(feed.getEntries().get(0).getTitle()).isEqualTo("Trends in AI — n24");
        assertThat(feed.getEntries().get(19).getTitle()).isEqualTo("Trends in AI — n5");
    }

    @Test
    void emptyArchiveIsAValidFeed() throws Exception {
        String xml = ArchiveFeed.rss("Trends in AI", SITE, FEED, List.of());
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getEntries()).isEmpty();
        assertThat(xml).doesNotContain("lastBuildDate");
    }

    @Test
    void refusesMissingValues() {
        assertThatThrownBy(() -> ArchiveFeed.rss("Trends in AI", SITE, FEED,
                List.of(new FeedEntry("t", " ", "s", Instant.EPOCH, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry url");
        assertThatThrownBy(() -> ArchiveFeed.rss("Trends in AI", SITE, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feedUrl");
    }
}
