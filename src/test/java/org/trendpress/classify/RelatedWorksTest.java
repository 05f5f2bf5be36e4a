package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelatedWorksTest {

    private static final List<RelatedWorks.Work> CORPUS = List.of(
            new RelatedWorks.Work(1, "Sparse Token Routing for Vision Transformers",
                    "We route image patches through a sparse subset of transformer layers to cut the cost of "
                            + "high-resolution vision transformers."),
            new RelatedWorks.Work(2, "Adaptive Patch Dropping in High-Resolution Vision Transformers",
                    "Dropping uninformative image patches lets vision transformers process high-resolution inputs "
                            + "at a fraction of the cost."),
            new RelatedWorks.Work(3, "Calibrated Abstention for Long-Context Language Models",
                    "Language models should abstain when the answer is not in a long context."),
            new RelatedWorks.Work(4, "Equivariant Diffusion for Crystal Structures",
                    "A diffusion model generates crystal structures under symmetry constraints."),
            new RelatedWorks.Work(5, "Token Merging for Efficient Vision Transformers",
                    "Merging similar tokens speeds up vision transformers without retraining."));

    @Test
    void theObviouslyRelatedPaperComesFirstAndNeverThePaperItself() {
        List<Long> related = RelatedWorks.similar(CORPUS.get(0), CORPUS, 3);
        assertThat(related).isNotEmpty().hasSizeLessThanOrEqualTo(3).doesNotContain(1L);
        assertThat(related.get(0)).isEqualTo(2L);
        assertThat(related).contains(5L).doesNotContain(4L);
    }

    @Test
    void aPaperOutsideTheCorpusAndAnEmptyCorpus() {
        RelatedWorks.Work outside = new RelatedWorks.Work(99, "Abstaining language models",
                "When should a language model abstain from answering over a long context?");
        assertThat(RelatedWorks.similar(outside, CORPUS, 3)).startsWith(3L).doesNotContain(99L);
        assertThat(RelatedWorks.similar(outside, List.of(), 3)).isEmpty();
        assertThat(RelatedWorks.similar(CORPUS.get(0), List.of(CORPUS.get(0)), 3)).isEmpty();
    }
}
