package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory side of {@link TitleIndex} without a database: a paper with several titles is found
 * by each of them (a later title's keys are posted beside the earlier ones', each key once), and a
 * title it has already adds nothing.
 */
class TitleIndexTitlesTest {

    private static final Instant T = Instant.parse("2026-11-10T12:00:00Z");
    private static final String ARXIV = "Sparse Mixture of Experts Scale Language Model Pretraining Efficiently";
    private static final String BLOG = "Sparse Mixture-of-Experts Scale Language Model Pre-training Efficiently";
    private static final String OTHER = "Diffusion Policies for Dexterous Robot Manipulation from Few Demonstrations";

    private static List<Long> lookUp(TitleIndex index, String title) {
        return index.candidates(TitleMatch.significant(title), T.minus(Duration.ofDays(30)), T.plus(Duration.ofDays(30)), 20);
    }

    @Test
    void aPaperIsFoundByEachOfItsTitlesAndNoOtherPaperIs() {
        TitleIndex index = new TitleIndex();
        index.add(1, ARXIV, T);
        index.add(1, "Experts at Scale: Sparse Routing Layers for Efficient Large Language Model Training", T);
        index.add(2, OTHER, T);

        assertThat(lookUp(index, ARXIV)).containsExactly(1L);
        assertThat(lookUp(index, BLOG)).as("near-identical to the first title").containsExactly(1L);
        assertThat(lookUp(index, "Experts at Scale: Sparse Routing Layers for Efficient Large Language Model Training"))
                .containsExactly(1L);
        assertThat(lookUp(index, OTHER)).containsExactly(2L);
        assertThat(index.size()).containsExactly(2, 3);
    }

    @Test
    void aTitleThePaperHasAlreadyAddsNothing() {
        TitleIndex index = new TitleIndex();
        index.add(7, ARXIV, T);
        index.add(7, ARXIV, T);
        index.add(7, "  sparse MIXTURE of experts scale language model pretraining efficiently ", T);
        assertThat(index.size()).containsExactly(1, 1);
        assertThat(lookUp(index, ARXIV)).containsExactly(7L);
    }

    @Test
    void aDeletedPaperIsNoLongerFoundAndTheTableIsRebuiltOnceMostAreDeleted() {
        TitleIndex index = new TitleIndex();
        index.add(1, ARXIV, T);
        index.add(2, OTHER, T);
        index.remove(1);
        assertThat(lookUp(index, ARXIV)).isEmpty();
        assertThat(index.size()).containsExactly(1, 1);

        // written again (its id rolled back and reused): found again, by its new title only
        index.add(1, "Experts at Scale: Sparse Routing Layers for Efficient Large Language Model Training", T);
        assertThat(lookUp(index, "Experts at Scale: Sparse Routing Layers for Efficient Large Language Model Training"))
                .containsExactly(1L);
        assertThat(index.size()).containsExactly(2, 2);

        // many papers absorbed: the deleted entries are dropped and the others still found
        for (int i = 10; i < 3010; i++) {
            index.add(i, "Paper number " + i + " about sparse routing in large vision transformers", T);
        }
        for (int i = 10; i < 3000; i++) {
            index.remove(i);
        }
        assertThat(index.size()).containsExactly(12, 12);
        assertThat(lookUp(index, OTHER)).containsExactly(2L);
        assertThat(lookUp(index, "Paper number 3005 about sparse routing in large vision transformers")).contains(3005L);
        assertThat(lookUp(index, "Paper number 2005 about sparse routing in large vision transformers")).doesNotContain(2005L);
    }
}
