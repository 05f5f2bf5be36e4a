package org.trendpress.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The draft's ranking on database fixtures: research order, topic diversity, news events, datasets, related works. */
class RankingTest {

    @TempDir
    Path dir;
    RankingFixtures f;
    Drafts drafts;

    @BeforeEach
    void open() {
        f = new RankingFixtures(dir);
        drafts = f.drafts;
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<Candidate> research(long draftId) {
        return drafts.candidates(draftId).stream().filter(c -> c.kind().equals("research")).toList();
    }

    private List<Candidate> news(long draftId) {
        return drafts.candidates(draftId).stream().filter(c -> c.kind().equals("news")).toList();
    }

    @Test
    void aPaperSeenAtThreeSourcesWithCodeRanksAboveALoneOneOfTheSameDate() {
        long lone = f.paper("A lone paper", "Something.", "2026-10-10T00:00:00Z", 1, 0, 0, null);
        long three = f.paper("A widely seen paper", "Something else.", "2026-10-10T00:00:00Z", 3, 0, 0,
                "https://github.com/x/y");
        Draft d = drafts.open(YearMonth.of(2026, 10));
        List<Candidate> cs = research(d.id());
        assertThat(cs).extracting(Candidate::paperId).containsExactly(three, lone);
        assertThat(cs.get(0).reasons()).isEqualTo("3 sources · code");
    }

    @Test
    void theHighestWeightOfTheSourcesThatSawAPaperScalesIt() {
        f.source("trusted", 2.0);
        long plain = f.paper("Seen at ordinary sources", "x", "2026-10-10T00:00:00Z", 2, 0, 0, null);
        long trusted = f.paper("Seen at a trusted source", "y", "2026-10-10T00:00:00Z", 2, 0, 0, null);
        f.sighting(plain, "arxiv");
        f.sighting(plain, "hf");
        f.sighting(trusted, "arxiv");
        f.sighting(trusted, "trusted");
        Draft d = drafts.open(YearMonth.of(2026, 10));
        List<Candidate> cs = research(d.id());
        assertThat(cs).extracting(Candidate::paperId).containsExactly(trusted, plain);
        assertThat(cs.get(0).reasons()).isEqualTo("2 sources · source weight 2");
    }

    @Test
    void tenVisionPapersSlightlyAheadDoNotKeepALanguagePaperOutOfTheTopTen() {
        for (int i = 0; i < 10; i++) {
            long p = f.paper("Vision paper " + i, "Pixels " + i, "2026-10-10T00:00:00Z", 1, 12 + i, 0, null);
            f.topic(p, "vision", 0.9);
        }
        long language = f.paper("A language paper", "Words.", "2026-10-10T00:00:00Z", 1, 10, 0, null);
        f.topic(language, "language", 0.8);
        f.topic(language, "core-ml", 0.4);
        Draft d = drafts.open(YearMonth.of(2026, 10));
        List<Candidate> top10 = research(d.id()).subList(0, 10);
        assertThat(top10).extracting(Candidate::paperId).contains(language);
        Candidate lang = top10.stream().filter(c -> c.paperId() == language).findFirst().orElseThrow();
        assertThat(lang.reasons()).isEqualTo("1 source · 10 upvotes · topic: language");
        assertThat(lang.topics()).containsExactly("language", "core-ml");
        assertThat(top10.get(9).reasons()).contains("for diversity");
    }

    @Test
    void twoOutletsReportingTheSameLaunchBecomeOneCandidateWithAllItsStories() {
        f.source("wire", 2.0);
        long wire = f.news("wire", "Kestrel Labs launches Osprey 3 open-weights reasoning model",
                "Kestrel Labs released Osprey 3 today under an open licence.", "2026-10-07T12:00:00Z");
        long blog = f.news("lab", "Kestrel Labs unveils Osprey 3 with open weights",
                "Osprey 3, the new open-weights reasoning model from Kestrel Labs, is out.", "2026-10-07T09:00:00Z");
        long other = f.news("lab", "City council limits facial recognition in parks", "A narrow vote.",
                "2026-10-07T10:00:00Z");
        Draft d = drafts.open(YearMonth.of(2026, 10));
        List<Candidate> cs = news(d.id());
        assertThat(cs).hasSize(2);
        Candidate event = cs.get(0);
        assertThat(event.itemId()).isEqualTo(wire); // the lead: the most trusted source
        assertThat(event.source()).isEqualTo("Source wire");
        assertThat(event.stories()).extracting(Candidate.Story::itemId).containsExactly(blog);
        assertThat(event.stories().get(0).source()).isEqualTo("Source lab");
        assertThat(event.reasons()).startsWith("2 sources");
        assertThat(cs.get(1).itemId()).isEqualTo(other);
        assertThat(cs.get(1).stories()).isEmpty();

        // a refresh keeps the candidate (same id) and adds a late third report to it
        long late = f.news("hf", "Osprey 3 from Kestrel Labs: open weights, strong reasoning",
                "Kestrel Labs' Osprey 3 reasoning model ships with open weights.", "2026-10-08T09:00:00Z");
        drafts.open(YearMonth.of(2026, 10));
        List<Candidate> again = news(d.id());
        assertThat(again).hasSize(2);
        assertThat(again.get(0).id()).isEqualTo(event.id());
        assertThat(again.get(0).stories()).extracting(Candidate.Story::itemId).containsExactlyInAnyOrder(blog, late);
        assertThat(again.get(0).reasons()).startsWith("3 sources");
    }

    @Test
    void aSelectedNewsEventKeepsItsLeadWhenStoriesJoin() {
        long first = f.news("lab", "Kestrel Labs launches Osprey 3 open-weights reasoning model",
                "Kestrel Labs released Osprey 3.", "2026-10-07T09:00:00Z");
        Draft d = drafts.open(YearMonth.of(2026, 10));
        long cid = news(d.id()).get(0).id();
        drafts.select(d.id(), cid, "news");
        f.source("wire", 3.0);
        long wire = f.news("wire", "Kestrel Labs launches Osprey 3, an open-weights reasoning model",
                "Osprey 3 released by Kestrel Labs.", "2026-10-07T11:00:00Z");
        drafts.open(YearMonth.of(2026, 10));
        List<Candidate> cs = news(d.id());
        assertThat(cs).hasSize(1);
        assertThat(cs.get(0).id()).isEqualTo(cid);
        assertThat(cs.get(0).itemId()).isEqualTo(first);
        assertThat(cs.get(0).stories()).extracting(Candidate.Story::itemId).containsExactly(wire);
    }

    @Test
    void aPaperThatIntroducesABenchmarkIsProposedForDatasetsWithATldr() {
        long bench = f.paper("Tidepool: Evaluating Coastal Forecasters",
                "Storm surges are hard to forecast. We introduce Tidepool, a benchmark of 1,200 surge scenarios from "
                        + "tide gauges. Baselines fail on rare events.", "2026-10-10T00:00:00Z", 1, 0, 0, null);
        long method = f.paper("Sparse Routing for Vision Transformers",
                "We propose a routing method that improves accuracy on three standard benchmarks.",
                "2026-10-10T00:00:00Z", 1, 0, 0, null);
        Draft d = drafts.open(YearMonth.of(2026, 10));
        Candidate b = research(d.id()).stream().filter(c -> c.paperId() == bench).findFirst().orElseThrow();
        Candidate m = research(d.id()).stream().filter(c -> c.paperId() == method).findFirst().orElseThrow();
        assertThat(b.datasetSuggested()).isTrue();
        assertThat(b.datasetReason()).isEqualTo("introduces a benchmark");
        assertThat(b.reasons()).endsWith("introduces a benchmark");
        assertThat(b.tldr()).isEqualTo("We introduce Tidepool, a benchmark of 1,200 surge scenarios from tide gauges.");
        assertThat(m.datasetSuggested()).isFalse();

        drafts.select(d.id(), b.id(), "datasets");
        Candidate selected = drafts.candidate(d.id(), b.id());
        assertThat(selected.slot()).isEqualTo("datasets");
        assertThat(selected.why()).isEqualTo(b.tldr()); // proposed, and editable like any note
        drafts.writeNotes(d.id(), b.id(), null, "Surge scenarios for forecasters.", null);
        assertThat(drafts.candidate(d.id(), b.id()).why()).isEqualTo("Surge scenarios for forecasters.");
    }

    @Test
    void relatedWorksComeFromThisMonthAndEarlierIssuesAndTheEditorCanChangeThem() {
        long target = f.paper("Sparse Token Routing for Vision Transformers",
                "We route image patches through a sparse subset of transformer layers to cut the cost of "
                        + "high-resolution vision transformers.", "2026-10-10T00:00:00Z", 2, 0, 0, null, "2610.00001", null);
        long sibling = f.paper("Adaptive Patch Dropping in High-Resolution Vision Transformers",
                "Dropping uninformative image patches lets vision transformers process high-resolution inputs cheaply.",
                "2026-10-11T00:00:00Z", 1, 0, 0, null, "2610.00002", null);
        long earlier = f.paper("Token Merging for Efficient Vision Transformers",
                "Merging similar image tokens speeds up vision transformers.", "2026-09-05T00:00:00Z", 1, 0, 0, null,
                "2609.00003", "2026-09");
        long unrelated = f.paper("Equivariant Diffusion for Crystal Structures",
                "A diffusion model generates crystal structures under symmetry constraints.", "2026-10-12T00:00:00Z", 1, 0,
                0, null, "2610.00004", null);
        long notFeatured = f.paper("Calibrated abstention in language models", "Abstain when unsure.",
                "2026-08-05T00:00:00Z", 1, 0, 0, null, "2608.00005", null);
        Draft d = drafts.open(YearMonth.of(2026, 10));
        long cid = research(d.id()).stream().filter(c -> c.paperId() == target).findFirst().orElseThrow().id();
        drafts.select(d.id(), cid, "research");

        List<Candidate.Related> related = drafts.candidate(d.id(), cid).related();
        assertThat(related).extracting(Candidate.Related::paperId).startsWith(sibling).contains(earlier)
                .doesNotContain(target, unrelated, notFeatured);

        drafts.removeRelated(d.id(), cid, earlier);
        assertThat(drafts.candidate(d.id(), cid).related()).extracting(Candidate.Related::paperId).containsExactly(sibling);
        drafts.addRelated(d.id(), cid, "arXiv:2610.00004v2", "editor");
        drafts.addRelated(d.id(), cid, "https://arxiv.org/abs/2608.00005", "editor");
        assertThat(drafts.candidate(d.id(), cid).related()).extracting(Candidate.Related::paperId)
                .containsExactly(sibling, unrelated, notFeatured);
        assertThat(drafts.candidate(d.id(), cid).related().get(1).addedBy()).isEqualTo("editor");
        assertThatThrownBy(() -> drafts.addRelated(d.id(), cid, "2609.00003", "editor"))
                .isInstanceOf(CurateException.class).hasMessageContaining("at most 3");
        drafts.removeRelated(d.id(), cid, notFeatured);
        assertThatThrownBy(() -> drafts.addRelated(d.id(), cid, "2610.00001", "editor"))
                .hasMessageContaining("not related to itself");
        assertThatThrownBy(() -> drafts.addRelated(d.id(), cid, "2610.99999", "editor"))
                .hasMessageContaining("no known paper");
        assertThatThrownBy(() -> drafts.addRelated(d.id(), cid, "2610.00002", "editor"))
                .hasMessageContaining("already listed");

        // the editor's removals stick across refreshes and re-selection in the same slot
        drafts.open(YearMonth.of(2026, 10));
        assertThat(drafts.candidate(d.id(), cid).related()).extracting(Candidate.Related::paperId)
                .containsExactly(sibling, unrelated);
        // unselecting drops them
        drafts.unselect(d.id(), cid);
        assertThat(drafts.candidate(d.id(), cid).related()).isEmpty();
    }
}
