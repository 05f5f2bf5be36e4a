package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleClassifierTest {

    private final RuleClassifier rules = new RuleClassifier();

    @Test
    void arxivIdMakesResearchUnlessTheSourceIsNews() {
        assertThat(rules.classify("A paper", "", "2610.04101", null, List.of(), "mixed").kind()).isEqualTo(Kind.RESEARCH);
        assertThat(rules.classify("A paper", "", "2610.04101", null, List.of(), "research").reason()).isEqualTo("arXiv 2610.04101");
        assertThat(rules.classify("Startup covers a paper", "", "2610.04101", null, List.of(), "news").kind()).isEqualTo(Kind.NEWS);
    }

    @Test
    void doiAndPaperHostsMakeResearch() {
        assertThat(rules.classify("t", "", null, "10.1/x", List.of(), "mixed").kind()).isEqualTo(Kind.RESEARCH);
        RuleClassifier.Decision d = rules.classify("t", "", null, null,
                List.of("https://blog.example/post", "https://openreview.net/forum?id=abc"), "mixed");
        assertThat(d.kind()).isEqualTo(Kind.RESEARCH);
        assertThat(d.reason()).isEqualTo("paper link openreview.net");
    }

    @Test
    void withoutPaperSignalsTheSourceHintDecides() {
        assertThat(rules.classify("t", "", null, null, List.of(), "research").kind()).isEqualTo(Kind.RESEARCH);
        assertThat(rules.classify("t", "", null, null, List.of(), "news").kind()).isEqualTo(Kind.NEWS);
        assertThat(rules.classify("t", "", null, null, List.of("https://x.example/"), "mixed").kind()).isEqualTo(Kind.NEWS);
        assertThat(rules.classify("t", "", null, null, List.of(), null).kind()).isEqualTo(Kind.NEWS);
    }

    @Test
    void outageNoticesAreOther() {
        assertThat(rules.classify("API outage on October 3", "", null, null, List.of(), "news").kind()).isEqualTo(Kind.OTHER);
    }
}
