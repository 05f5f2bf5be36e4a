package org.trendpress.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editors correct a candidate's kind or a paper's topics: stored, applied at once, candidates refreshed. */
class DraftsCorrectionsTest {

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

    private List<Map<String, Object>> corrections() {
        return f.jdbi.withHandle(h -> h.createQuery("SELECT item_id, paper_id, target, new_value, editor FROM corrections"
                + " ORDER BY id").mapToMap().list());
    }

    @Test
    void aNewsStoryCorrectedToOtherLeavesTheNewsCandidates() {
        long outage = f.news("lab", "Outage notice: GPU region down for three hours", "Service restored.",
                "2026-10-07T12:00:00Z");
        Draft d = drafts.open(YearMonth.of(2026, 10));
        Candidate c = drafts.candidates(d.id()).get(0);
        assertThat(c.itemId()).isEqualTo(outage);

        drafts.correctKind(d.id(), c.id(), "other", "ada");
        assertThat(drafts.candidates(d.id())).isEmpty();
        String kind = f.jdbi.withHandle(h -> h.createQuery("SELECT kind FROM items WHERE id=:i").bind("i", outage)
                .mapTo(String.class).one());
        assertThat(kind).isEqualTo("other");
        assertThat(corrections()).singleElement().satisfies(r -> {
            assertThat(r.get("item_id")).isEqualTo(outage);
            assertThat(r.get("target")).isEqualTo("kind");
            assertThat(r.get("new_value")).isEqualTo("other");
            assertThat(r.get("editor")).isEqualTo("ada");
        });
    }

    @Test
    void aPaperCorrectedToNewsMovesFromResearchToNews() {
        long p = f.paper("Introducing Osprey 3", "Our new model is available today.", "2026-10-10T00:00:00Z", 1, 0, 0, null);
        long item = f.item("lab", "osprey", "Introducing Osprey 3", "Our new model is available today.",
                "2026-10-10T00:00:00Z", "research", p);
        long bare = f.paper("A paper without sightings", "x", "2026-10-10T00:00:00Z", 1, 0, 0, null);
        Draft d = drafts.open(YearMonth.of(2026, 10));
        long cid = drafts.candidates(d.id()).stream().filter(c -> c.paperId() != null && c.paperId() == p)
                .findFirst().orElseThrow().id();
        drafts.correctKind(d.id(), cid, "news", "ada");
        List<Candidate> cs = drafts.candidates(d.id());
        assertThat(cs).filteredOn(c -> c.kind().equals("research")).extracting(Candidate::paperId).containsExactly(bare);
        assertThat(cs).filteredOn(c -> c.kind().equals("news")).extracting(Candidate::itemId).containsExactly(item);

        long bareId = cs.stream().filter(c -> c.paperId() != null).findFirst().orElseThrow().id();
        drafts.correctKind(d.id(), bareId, "other", "ada");
        assertThat(drafts.candidates(d.id())).extracting(Candidate::kind).containsExactly("news");
        assertThat(corrections()).extracting(r -> r.get("paper_id")).containsExactly(p, bare);
    }

    @Test
    void topicCorrectionsReplaceTheModelsTopicsAndFeedTheRanking() {
        long p = f.paper("Speech paper the model took for vision", "Audio.", "2026-10-10T00:00:00Z", 1, 0, 0, null);
        f.topic(p, "vision", 0.7);
        Draft d = drafts.open(YearMonth.of(2026, 10));
        Candidate c = drafts.candidates(d.id()).get(0);
        assertThat(c.reasons()).endsWith("topic: vision");

        drafts.correctTopics(d.id(), c.id(), List.of("speech-audio", "language", "speech-audio"), "grace");
        Candidate after = drafts.candidate(d.id(), c.id());
        assertThat(after.topics()).containsExactlyInAnyOrder("speech-audio", "language");
        List<String> sources = f.jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT source FROM paper_topics"
                + " WHERE paper_id=:p").bind("p", p).mapTo(String.class).list());
        assertThat(sources).containsExactly("editor");
        assertThat(after.reasons()).doesNotContain("vision").contains("topic: ");
        assertThat(corrections()).singleElement().satisfies(r -> {
            assertThat(r.get("paper_id")).isEqualTo(p);
            assertThat(r.get("target")).isEqualTo("topics");
            assertThat(r.get("new_value")).isEqualTo("speech-audio,language");
            assertThat(r.get("editor")).isEqualTo("grace");
        });
    }

    @Test
    void hostileOrUnknownValuesAreRefusedAndNothingIsStored() {
        long p = f.paper("A paper", "x", "2026-10-10T00:00:00Z", 1, 0, 0, null);
        f.topic(p, "vision", 0.7);
        f.news("lab", "A story", "y", "2026-10-07T12:00:00Z");
        Draft d = drafts.open(YearMonth.of(2026, 10));
        Candidate paper = drafts.candidates(d.id()).stream().filter(c -> c.paperId() != null).findFirst().orElseThrow();
        Candidate story = drafts.candidates(d.id()).stream().filter(c -> c.itemId() != null).findFirst().orElseThrow();

        assertThatThrownBy(() -> drafts.correctTopics(d.id(), paper.id(), List.of("vision", "<script>alert(1)</script>"), "ada"))
                .isInstanceOf(CurateException.class).hasMessageStartingWith("unknown topic '<script>alert(1)</script>'");
        assertThatThrownBy(() -> drafts.correctTopics(d.id(), paper.id(), List.of(), "ada"))
                .isInstanceOf(CurateException.class).hasMessageContaining("at least one topic");
        assertThatThrownBy(() -> drafts.correctKind(d.id(), story.id(), "<script>", "ada"))
                .isInstanceOf(CurateException.class).hasMessageContaining("news, research or other");
        assertThatThrownBy(() -> drafts.correctKind(d.id(), story.id(), "NEWS ", "ada")).isInstanceOf(CurateException.class);
        assertThatThrownBy(() -> drafts.correctTopics(d.id(), story.id(), List.of("vision"), "ada"))
                .isInstanceOf(CurateException.class).hasMessageContaining("only a paper has topics");
        assertThatThrownBy(() -> drafts.correctKind(d.id(), 987654, "news", "ada"))
                .isInstanceOf(CurateException.class).hasMessageContaining("not in this draft");
        assertThat(corrections()).isEmpty();
        assertThat(drafts.candidate(d.id(), paper.id()).topics()).containsExactly("vision");
        assertThat(drafts.candidates(d.id())).hasSize(2);
    }
}
