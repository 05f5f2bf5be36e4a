package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.testing.MutableClock;
import org.trendpress.app.Application;
import org.trendpress.app.TestConfig;
import org.trendpress.curate.Draft;
import org.trendpress.render.IssueModel;

/**
 * Corrections through the application: editing a published issue re-renders its web page and
 * its feed entries with an updated time, keeps every id, and never mails anyone again; the same
 * data gives byte-identical archive files.
 */
class CorrectionTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-02T08:00:00Z");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(PUBLISHED);
    private Application app;
    private Path archive;
    private Path outbox;

    @BeforeEach
    void start() {
        Map<String, String> o = TestConfig.overrides(tmp, Path.of("config/demo/sources.yaml"));
        o.put("trendpress.base-url", "https://trendpress.example.org");
        app = new Application(TestConfig.settings(o), Path.of("routes"), clock);
        app.start(Application.Mode.BATCH);
        archive = app.publisher().settings().archiveDir();
        outbox = tmp.resolve("outbox");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void correctingAPublishedIssueUpdatesItsPageAndFeedsAndSendsNothing() throws Exception {
        ProducerTemplate camel = app.producer();
        app.poller().pollAll();
        app.subscribers().addConfirmed("ada@example.org");
        Draft draft = app.drafts().open(YearMonth.of(2026, 10));
        app.drafts().autoSelect(draft.id(), 3, 3, 1);
        app.drafts().approve(draft.id(), PUBLISHED.minusSeconds(60), "ed");
        assertThat(camel.requestBody("direct:publish-issue", (Object) null, List.class)).hasSize(1);
        assertThat(mails()).hasSize(1);
        Map<String, String> published = archiveFiles();
        String url = "https://trendpress.example.org/issues/2026-10/";

        // re-publishing the unchanged draft later changes nothing: no new update time, same bytes
        clock.advance(Duration.ofHours(5));
        app.publisher().publish(draft.id());
        assertThat(archiveFiles()).isEqualTo(published);

        // two days later an editor fixes the summary and the intro; a new reader has subscribed meanwhile
        clock.advance(Duration.ofDays(2));
        Instant corrected = clock.instant();
        app.subscribers().addConfirmed("late@example.org");
        Publisher.Published result = app.publisher().correct("2026-10", CorrectionTest::corrected);
        assertThat(result.month()).isEqualTo("2026-10");

        // the web page and the archive index show the correction
        assertThat(Files.readString(archive.resolve("2026-10/index.html"))).contains("Corrected: kernels &amp; compilers.");
        assertThat(Files.readString(archive.resolve("index.html"))).contains("Corrected: kernels &amp; compilers.");

        // Atom: same id, published kept, updated is the correction time
        SyndFeed atom = feed("atom.xml");
        SyndEntry a = atom.getEntries().get(0);
        assertThat(a.getUri()).isEqualTo(url);
        assertThat(a.getPublishedDate()).isEqualTo(Date.from(PUBLISHED));
        assertThat(a.getUpdatedDate()).isEqualTo(Date.from(corrected));
        assertThat(a.getDescription().getValue()).isEqualTo("Corrected: kernels & compilers.");
        assertThat(a.getContents().get(0).getValue()).contains("An earlier version misnamed the benchmark.");
        // RSS: same guid and pubDate; the channel's lastBuildDate moves to the correction
        SyndFeed rss = feed("feed.xml");
        assertThat(rss.getEntries().get(0).getUri()).isEqualTo(url);
        assertThat(rss.getEntries().get(0).getPublishedDate()).isEqualTo(Date.from(PUBLISHED));
        assertThat(Files.readString(archive.resolve("feed.xml")))
                .contains("<lastBuildDate>Wed, 04 Nov 2026 13:00:00 GMT</lastBuildDate>")
                .contains("<pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate>");
        // JSON Feed: same id, date_modified is the correction time
        JsonNode item = new ObjectMapper().readTree(archive.resolve("feed.json").toFile()).path("items").get(0);
        assertThat(item.path("id").asText()).isEqualTo(url);
        assertThat(item.path("date_published").asText()).isEqualTo("2026-11-02T08:00:00Z");
        assertThat(item.path("date_modified").asText()).isEqualTo("2026-11-04T13:00:00Z");

        // never mailed again: nothing is due, the publish route dispatches nothing, no delivery was added
        assertThat(camel.requestBody("direct:publish-issue", (Object) null, List.class)).isEmpty();
        assertThat(mails()).hasSize(1);
        int deliveries = app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deliveries")
                .mapTo(Integer.class).one());
        assertThat(deliveries).isEqualTo(1);

        // deterministic: rewriting the archive, or a correction that changes nothing, leaves every byte and time
        Map<String, String> afterCorrection = archiveFiles();
        FileTime atomTime = Files.getLastModifiedTime(archive.resolve("atom.xml"));
        clock.advance(Duration.ofDays(1));
        app.publisher().writeArchive();
        app.publisher().correct("2026-10", UnaryOperator.identity());
        assertThat(archiveFiles()).isEqualTo(afterCorrection);
        assertThat(Files.getLastModifiedTime(archive.resolve("atom.xml"))).isEqualTo(atomTime);
        assertThat(feed("atom.xml").getEntries().get(0).getUpdatedDate()).isEqualTo(Date.from(corrected));
    }

    @Test
    void twoCorrectionsAtOnceApplyOneAfterTheOtherAndTheSecondSeesTheFirst() throws Exception {
        app.poller().pollAll();
        Draft draft = app.drafts().open(YearMonth.of(2026, 10));
        app.drafts().autoSelect(draft.id(), 3, 3, 1);
        app.drafts().approve(draft.id(), PUBLISHED.minusSeconds(60), "ed");
        app.publisher().publish(draft.id());
        String before = app.publisher().issue("2026-10").orElseThrow().issue().summary();

        // each editor's save checks that the issue is still what the editor opened, as the
        // correction page does; B's save starts while A's edit is running
        java.util.concurrent.CountDownLatch bDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> bFailure = new java.util.concurrent.atomic.AtomicReference<>();
        UnaryOperator<IssueModel> b = original -> {
            if (!original.summary().equals(before)) {
                throw new IllegalStateException("stale: B opened an older version");
            }
            return withSummary(original, "B's summary");
        };
        Thread editorB = new Thread(() -> {
            try {
                app.publisher().correct("2026-10", b);
            } catch (Throwable t) {
                bFailure.set(t);
            } finally {
                bDone.countDown();
            }
        });
        app.publisher().correct("2026-10", original -> {
            assertThat(original.summary()).isEqualTo(before);
            editorB.start();
            // B must not get past its read while A is saving: wait until B is either parked (on the
            // lock, as it should be) or done (which it could only be by reading what A has not saved)
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (bDone.getCount() > 0 && editorB.getState() != Thread.State.WAITING
                    && editorB.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(bDone.getCount()).as("B waited for A").isEqualTo(1);
            return withSummary(original, "A's summary");
        });
        editorB.join(30_000);
        assertThat(bFailure.get()).as("B saw A's correction and was refused").isNotNull()
                .hasMessageContaining("stale");
        assertThat(app.publisher().issue("2026-10").orElseThrow().issue().summary()).isEqualTo("A's summary");
        assertThat(Files.readString(archive.resolve("2026-10/index.html"))).contains("A&#39;s summary")
                .doesNotContain("B&#39;s summary");
        try (var files = Files.walk(archive)) {
            assertThat(files.map(Path::toString)).as("no temp file left behind").noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    private static IssueModel withSummary(IssueModel i, String summary) {
        return new IssueModel(i.newsletterName(), i.month(), i.monthLabel(), i.title(), summary, i.intro(), i.news(),
                i.research(), i.datasets(), i.references(), i.links(), i.publishedAt(), i.topicTrend());
    }

    @Test
    void correctingAMonthNeverPublishedIsRefused() {
        assertThatThrownBy(() -> app.publisher().correct("2026-01", UnaryOperator.identity()))
                .isInstanceOf(PublishException.class).hasMessageContaining("no published issue for 2026-01");
    }

    private static IssueModel corrected(IssueModel i) {
        return new IssueModel(i.newsletterName(), i.month(), i.monthLabel(), i.title(), "Corrected: kernels & compilers.",
                List.of("An earlier version misnamed the benchmark."), i.news(), i.research(), i.datasets(),
                i.references(), i.links(), i.publishedAt());
    }

    private SyndFeed feed(String name) throws Exception {
        return new SyndFeedInput().build(new XmlReader(archive.resolve(name).toFile()));
    }

    private List<Path> mails() throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList();
        }
    }

    /** Every file of the archive (pages, index, feeds as text; the chart PNG as Base64) by relative path. */
    private Map<String, String> archiveFiles() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(archive.relativize(f).toString(), f.toString().endsWith(".png")
                        ? java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)) : Files.readString(f));
            }
        }
        return out;
    }
}
