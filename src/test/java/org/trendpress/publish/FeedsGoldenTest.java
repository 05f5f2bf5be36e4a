package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trendpress.publish.FeedFixtures.ARCHIVE;
import static org.trendpress.publish.FeedFixtures.NAME;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.SyndFeedOutput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three archive feeds of {@link FeedFixtures#threeIssues()} against the golden files in
 * {@code src/test/resources/golden/feeds/}, and ROME round-trips of the RSS and Atom feeds.
 *
 * <p>After an intended change, regenerate the goldens and review the diff:
 * <pre>mvn -B -q test -Dtest=FeedsGoldenTest -Dgolden.update=true
 * git diff src/test/resources/golden/feeds/</pre>
 */
class FeedsGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/feeds");

    @ParameterizedTest
    @ValueSource(strings = {ArchiveFeed.RSS_FILE, ArchiveFeed.ATOM_FILE, ArchiveFeed.JSON_FILE})
    void matchesTheGoldenFile(String name) throws Exception {
        String actual = new ArchiveFeed(NAME, ARCHIVE, FeedFixtures.threeIssues()).files().get(name);
        // the same data a second time, built afresh: byte-identical
        assertThat(new ArchiveFeed(NAME, ARCHIVE, FeedFixtures.threeIssues()).files().get(name)).isEqualTo(actual);
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file missing; run with -Dgolden.update=true").exists();
        assertThat(actual).as("feed differs from %s (regenerate with -Dgolden.update=true if intended)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {ArchiveFeed.RSS_FILE, ArchiveFeed.ATOM_FILE})
    void romeRoundTripKeepsTitlesLinksIdsAndDates(String name) throws Exception {
        String xml = new ArchiveFeed(NAME, ARCHIVE, FeedFixtures.threeIssues()).files().get(name);
        SyndFeed first = new SyndFeedInput().build(new StringReader(xml));
        String written = new SyndFeedOutput().outputString(first);
        SyndFeed second = new SyndFeedInput().build(new StringReader(written));

        assertThat(second.getFeedType()).isEqualTo(first.getFeedType());
        assertThat(second.getTitle()).isEqualTo(first.getTitle()).isEqualTo(NAME);
        assertThat(second.getLink()).isEqualTo(first.getLink());
        assertThat(second.getPublishedDate()).isEqualTo(first.getPublishedDate());
        assertThat(second.getEntries()).hasSize(3);
        List<SyndEntry> a = first.getEntries();
        List<SyndEntry> b = second.getEntries();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).getTitle()).isEqualTo(a.get(i).getTitle());
            assertThat(b.get(i).getLink()).isEqualTo(a.get(i).getLink());
            assertThat(b.get(i).getUri()).isEqualTo(a.get(i).getUri()).isEqualTo(a.get(i).getLink());
            assertThat(b.get(i).getPublishedDate()).isNotNull().isEqualTo(a.get(i).getPublishedDate());
            assertThat(b.get(i).getUpdatedDate()).isEqualTo(a.get(i).getUpdatedDate());
            assertThat(b.get(i).getContents().get(0).getValue()).isEqualTo(a.get(i).getContents().get(0).getValue());
        }
    }
}
