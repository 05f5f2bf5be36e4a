package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void theMainLinksSiteSectionIsAFeature() {
        assertThat(Features.section("https://www.example.com/research/sparse-probes")).isEqualTo("research");
        assertThat(Features.section("https://example.com//blog/a-post")).isEqualTo("blog");
        assertThat(Features.section("https://example.com/2026/05/a-post")).isNull();
        assertThat(Features.section("https://example.com/research")).isNull();
        assertThat(Features.section("https://example.com/")).isNull();
        Map<String, Double> x = Features.of(new ItemFeatures("Introducing Widget: a tool for notes", "It ships today.",
                null, null, List.of("https://example.com/news/widget"), 0, "news", List.of()));
        assertThat(x).containsKeys("s:section=news", "t0:introducing", "s:title-colon", "s:hint=news", "s:len=1-30");
        assertThat(Features.describe("s:section=news")).isEqualTo("link under /news/");
    }

    @Test
    void researchOrganisationsPublicationFeedsAreResearch() {
        ItemFeatures post = new ItemFeatures("Probing sparse circuits", "", null, null, List.of(), 0, "mixed", List.of());
        assertThat(SharedCorpus.feedKind("ai-blog-feeds/x/feeds/feed_far_ai.xml", post)).isEqualTo(Kind.RESEARCH);
        assertThat(SharedCorpus.feedKind("ai-blog-feeds/x/feeds/feed_anthropic_red.xml", post)).isEqualTo(Kind.RESEARCH);
        assertThat(SharedCorpus.feedKind("ai-blog-feeds/x/feeds/feed_cohere.xml", post)).isEqualTo(Kind.NEWS);
        assertThat(SharedCorpus.feedKind("ai-blog-feeds/x/feeds/feed_windsurf_changelog.xml", post)).isEqualTo(Kind.OTHER);
    }
}
