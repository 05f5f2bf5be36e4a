package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.trendpress.ingest.PaperMetadata.Best;
import org.trendpress.ingest.PaperMetadata.Merge;
import org.trendpress.ingest.PaperMetadata.Sighting;

/**
 * {@link PaperMetadata.Merge}, one sighting at a time and through its stored state, gives what the
 * rules give over all the sightings at once ({@link ReferenceMerge}), over random papers built to
 * hit the ties: equal ranks and versions, abstracts of equal length, equal stars, blank fields,
 * missing times.
 */
class PaperMetadataMergeTest {

    private static final String[] TEXT = {null, "", "  ", "a", "b", "ab", "ba", "abc", "Tiny models", "Tiny modelz",
            "Longer abstract here", "Another abstract!!!"};
    private static final String[] IDS = {null, "", "2610.01234", "2610.01235", "hep-th/9901001", "10.1000/x y:z -",
            "m1 - 3:ab", " -"};
    private static final String[] SOURCES = {"arxiv", "hf", "lab", "news", "news2"};

    private static Sighting random(Random r, long id) {
        Instant t = r.nextInt(6) == 0 ? null
                : Instant.ofEpochSecond(1_790_000_000L + r.nextInt(5) * 3600L, r.nextInt(3) * 1000L);
        return new Sighting(id, SOURCES[r.nextInt(SOURCES.length)], 1 + r.nextInt(3), pick(r, TEXT), pick(r, TEXT),
                pick(r, TEXT), pick(r, IDS), pick(r, IDS), r.nextInt(3), r.nextInt(4), r.nextInt(3), r.nextInt(3),
                pick(r, TEXT), pick(r, TEXT), pick(r, TEXT), pick(r, TEXT), pick(r, TEXT), pick(r, TEXT),
                pick(r, TEXT), t);
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    @Test
    void allAtOnceInAnyOrderGivesWhatTheRulesGive() {
        Random r = new Random(7);
        for (int paper = 0; paper < 20_000; paper++) {
            List<Sighting> sightings = new ArrayList<>();
            int n = 1 + r.nextInt(7);
            for (int i = 0; i < n; i++) {
                sightings.add(random(r, 1 + i));
            }
            Best expected = ReferenceMerge.best(sightings);
            Collections.shuffle(sightings, r);
            assertThat(PaperMetadata.best(sightings)).as("paper %d: %s", paper, sightings).isEqualTo(expected);
        }
    }

    @Test
    void oneAtATimeThroughTheStoredStateGivesWhatTheRulesGive() {
        Random r = new Random(11);
        for (int paper = 0; paper < 20_000; paper++) {
            List<Sighting> seen = new ArrayList<>();
            Merge merge = null;
            Best row = null;
            int n = 1 + r.nextInt(8);
            for (int i = 0; i < n; i++) {
                Sighting s = random(r, 100 + i);
                seen.add(s);
                if (merge == null) {
                    // the sighting that creates a paper is merged before its item has an id: 0 stands for it
                    merge = new Merge();
                    merge.add(new Sighting(0, s.sourceId(), s.rank(), s.title(), s.summary(), s.authors(), s.arxivId(),
                            s.doi(), s.arxivVersion(), s.upvotes(), s.stars(), s.comments(), s.codeUrl(),
                            s.projectUrl(), s.pdfUrl(), s.primaryCategory(), s.categories(), s.comment(),
                            s.journalRef(), s.publishedAt()));
                } else {
                    merge = Merge.decode(merge.encode(), rowOf(row));
                    assertThat(merge).as("paper %d: the state read back", paper).isNotNull();
                    merge.add(s);
                }
                row = merge.best();
                assertThat(row).as("paper %d after %d: %s", paper, i + 1, seen).isEqualTo(ReferenceMerge.best(seen));
            }
        }
    }

    private static PaperMetadata.Row rowOf(Best b) {
        return PaperMetadata.Row.of(b);
    }

    @Test
    void aStateThatIsMissingUnreadableOrDisagreesWithTheRowIsNotUsed() {
        Merge m = new Merge();
        m.add(new Sighting(5, "hf", 2, "Title", "Abstract", "A. Author", "2610.01234", "10.1000/a b", 1, 3, 4, 5,
                "https://github.com/x/y", null, null, null, null, null, null, Instant.parse("2026-10-01T00:00:00Z")));
        Best b = m.best();
        PaperMetadata.Row row = rowOf(b);
        String state = m.encode();

        Merge back = Merge.decode(state, row);
        assertThat(back).isNotNull();
        assertThat(back.best()).isEqualTo(b);
        assertThat(back.encode()).isEqualTo(state);

        assertThat(Merge.decode(null, row)).isNull();
        assertThat(Merge.decode("", row)).isNull();
        assertThat(Merge.decode("m0" + state.substring(2), row)).as("another format").isNull();
        assertThat(Merge.decode(state.substring(0, state.length() - 3), row)).as("cut short").isNull();
        assertThat(Merge.decode(state + " 7", row)).as("trailing tokens").isNull();
        assertThat(Merge.decode(state.replace(" 1 2:hf", " 2 2:hf 2:hf"), row)).as("a source twice").isNull();
        assertThat(Merge.decode(state.replace(" 1 2:hf", " 0"), row)).as("no source").isNull();
        assertThat(Merge.decode(state.replace(" 5 ", " x ").replace("m1 1", "m1 z"), row)).as("garbage").isNull();
        // the row lost a value the state says it won, holds one the state knows nothing of, or was
        // changed since by something else (an older version of Trendpress raising a signal)
        assertThat(Merge.decode(state, new PaperMetadata.Row(null, row.summary(), row.authors(), row.codeUrl(),
                row.projectUrl(), row.pdfUrl(), null, null, null, null, 1, 1, 3, 4, 5))).isNull();
        assertThat(Merge.decode(state, new PaperMetadata.Row(row.title(), row.summary(), row.authors(), row.codeUrl(),
                "https://project.example.org", row.pdfUrl(), null, null, null, null, 1, 1, 3, 4, 5))).isNull();
        assertThat(Merge.decode(state, new PaperMetadata.Row(row.title(), row.summary(), row.authors(), row.codeUrl(),
                row.projectUrl(), row.pdfUrl(), null, null, null, null, 1, 2, 50, 4, 5))).isNull();
        assertThat(Merge.decode(state, new PaperMetadata.Row(row.title(), row.summary() + ".", row.authors(),
                row.codeUrl(), row.projectUrl(), row.pdfUrl(), null, null, null, null, 1, 1, 3, 4, 5))).isNull();
        assertThat(Merge.decode(state, new PaperMetadata.Row(row.title(), row.summary(), row.authors(), row.codeUrl(),
                row.projectUrl(), row.pdfUrl(), null, null, null, null, 1, 1, 3, 4, 5))).as("the row as written")
                .isNotNull();
    }
}
