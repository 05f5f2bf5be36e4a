package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.testing.MutableClock;
import org.trendpress.app.Application;
import org.trendpress.app.TestConfig;
import org.trendpress.curate.Candidate;
import org.trendpress.curate.Draft;
import org.trendpress.render.Citations;
import org.trendpress.render.IssueJson;
import org.trendpress.render.IssueModel;

/**
 * Citations from a draft's notes to the published issue: numbered References (cited works, then
 * the papers), marks in the page, both emails and the feed, kept in issue.json so a correction
 * re-renders them.
 */
class PublishCitationsTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-02T08:00:00Z");
    private static final String UNET = "[[U-Net: Convolutional Networks for Biomedical Image Segmentation,"
            + " Ronneberger et al. 2015 | https://arxiv.org/abs/1505.04597]]";

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(PUBLISHED);
    private Application app;
    private Path archive;

    @BeforeEach
    void start() {
        Map<String, String> o = TestConfig.overrides(tmp, Path.of("config/demo/sources.yaml"));
        o.put("trendpress.base-url", "https://trendpress.example.org");
        app = new Application(TestConfig.settings(o), Path.of("routes"), clock);
        app.start(Application.Mode.BATCH);
        archive = app.publisher().settings().archiveDir();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void citedWorksAreNumberedMarkedAndKeptThroughACorrection() throws Exception {
        app.poller().pollAll();
        Draft draft = app.drafts().open(YearMonth.of(2026, 10));
        app.drafts().autoSelect(draft.id(), 2, 2, 0);
        app.drafts().writeIntro(draft.id(), "A summary.", "A standard U-Net" + UNET + " again.");
        List<Candidate> research = app.drafts().candidates(draft.id()).stream()
                .filter(c -> c.selected() && "research".equals(c.slot())).toList();
        assertThat(research).hasSizeGreaterThanOrEqualTo(1);
        Candidate first = research.get(0);
        app.drafts().writeNotes(draft.id(), first.id(), null,
                "Bottleneck[[The information bottleneck method, Tishby et al. 1999]] and U-Net" + UNET + ".",
                "Bad link[[Evil <script>alert(1)</script> | javascript:alert(1)]], open [[bracket.");
        app.drafts().approve(draft.id(), PUBLISHED.minusSeconds(60), "ed");
        app.publisher().publish(draft.id());

        Path folder = archive.resolve("2026-10");
        IssueModel issue = IssueJson.read(Files.readString(folder.resolve("issue.json")));
        // the notes keep the citations as typed; the cited works come first, then each paper
        assertThat(issue.intro()).containsExactly("A standard U-Net" + UNET + " again.");
        List<IssueModel.Reference> refs = issue.references();
        assertThat(refs.subList(0, 3)).containsExactly(
                new IssueModel.Reference(1, "U-Net: Convolutional Networks for Biomedical Image Segmentation,"
                        + " Ronneberger et al. 2015", "https://arxiv.org/abs/1505.04597"),
                new IssueModel.Reference(2, "The information bottleneck method, Tishby et al. 1999", null),
                new IssueModel.Reference(3, "Evil <script>alert(1)</script>", null));
        assertThat(refs).hasSize(3 + issue.research().size());
        assertThat(refs.get(3).url()).isEqualTo(issue.research().get(0).url());

        String web = Files.readString(folder.resolve("index.html"));
        assertThat(web).contains("U-Net<sup><a href=\"#ref-1\">1</a></sup> again.")
                .contains("Bottleneck<sup><a href=\"#ref-2\">2</a></sup> and U-Net<sup><a href=\"#ref-1\">1</a></sup>.")
                .contains("<li id=\"ref-3\">[3] Evil &lt;script&gt;alert(1)&lt;/script&gt;</li>")
                .contains("open [[bracket.")
                .doesNotContain("javascript:", "<script>");
        assertThat(Files.readString(folder.resolve("email.txt"))).contains("A standard U-Net¹ again.");
        assertThat(Files.readString(folder.resolve("email.html")))
                .contains("href=\"https://trendpress.example.org/issues/2026-10/#ref-1\"");
        // the feed entry carries the marks, made absolute
        assertThat(Files.readString(archive.resolve("atom.xml")))
                .contains("https://trendpress.example.org/issues/2026-10/#ref-1");

        // a correction (as the editor form applies it) keeps the marks and numbers a new citation
        clock.advance(Duration.ofDays(1));
        app.publisher().correct("2026-10", stored -> Citations.withReferences(
                new IssueModel(stored.newsletterName(), stored.month(), stored.monthLabel(), stored.title(),
                        stored.summary(), List.of("First, KILT[[KILT, Petroni et al. 2020]].", stored.intro().get(0)),
                        stored.news(), stored.research(), stored.datasets(), stored.references(), stored.links(),
                        stored.publishedAt()),
                Citations.uncited(stored)));
        IssueModel corrected = IssueJson.read(Files.readString(folder.resolve("issue.json")));
        assertThat(corrected.references().get(0).text()).isEqualTo("KILT, Petroni et al. 2020");
        assertThat(corrected.references().get(1).url()).isEqualTo("https://arxiv.org/abs/1505.04597");
        assertThat(corrected.references()).hasSize(refs.size() + 1);
        assertThat(Files.readString(folder.resolve("index.html")))
                .contains("First, KILT<sup><a href=\"#ref-1\">1</a></sup>.")
                .contains("U-Net<sup><a href=\"#ref-2\">2</a></sup> again.");
    }
}
