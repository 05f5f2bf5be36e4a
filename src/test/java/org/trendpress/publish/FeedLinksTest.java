package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trendpress.render.FeedLinks;

/** The pages' feed links name the files ArchiveFeed writes. */
class FeedLinksTest {

    @Test
    void sameFileNamesAsTheArchiveFeed() {
        assertThat(FeedLinks.RSS_FILE).isEqualTo(ArchiveFeed.RSS_FILE);
        assertThat(FeedLinks.ATOM_FILE).isEqualTo(ArchiveFeed.ATOM_FILE);
        assertThat(FeedLinks.JSON_FILE).isEqualTo(ArchiveFeed.JSON_FILE);
        ArchiveFeed feed = new ArchiveFeed("Trends in AI", "https://t.example.org/issues/", java.util.List.of());
        FeedLinks links = FeedLinks.beside(feed.rssUrl());
        assertThat(links.atom()).isEqualTo(feed.atomUrl());
        assertThat(links.json()).isEqualTo(feed.jsonUrl());
    }
}
