package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinksTest {

    @Test
    void canonicalDropsTrackingFragmentAndDefaultPortAndLowersHost() {
        assertThat(Links.canonical("HTTPS://Example.COM:443/a/B?utm_source=rss&id=7&fbclid=x#frag"))
                .isEqualTo("https://example.com/a/B?id=7");
        assertThat(Links.canonical("http://example.com")).isEqualTo("http://example.com/");
        assertThat(Links.canonical("http://example.com:8080/x?utm_medium=a")).isEqualTo("http://example.com:8080/x");
    }

    @Test
    void canonicalLeavesNonUrlsAlone() {
        assertThat(Links.canonical("urn:uuid:1234")).isEqualTo("urn:uuid:1234");
        assertThat(Links.canonical("  ")).isNull();
        assertThat(Links.canonical("not a url with spaces")).isEqualTo("not a url with spaces");
    }

    @Test
    void arxivIdsFromEveryLinkShapeWithoutVersion() {
        assertThat(Links.arxivId("https://arxiv.org/abs/2610.04101")).contains("2610.04101");
        assertThat(Links.arxivId("https://arxiv.org/pdf/2610.04101v3")).contains("2610.04101");
        assertThat(Links.arxivId("https://arxiv.org/html/2610.04101v1#S2")).contains("2610.04101");
        assertThat(Links.arxivId("http://export.arxiv.org/abs/1706.03762v7")).contains("1706.03762");
        assertThat(Links.arxivId("http://arxiv.org/abs/hep-th/9901001v2")).contains("hep-th/9901001");
        assertThat(Links.arxivId("see arXiv:2610.04109v1 for details")).contains("2610.04109");
        assertThat(Links.arxivId("https://example.com/2610.04101")).isEmpty();
        assertThat(Links.arxivId(null)).isEmpty();
    }

    @Test
    void doisFromLinksAndTextLowerCasedWithoutTrailingPunctuation() {
        assertThat(Links.doi("https://doi.org/10.1145/3292500.3330701")).contains("10.1145/3292500.3330701");
        assertThat(Links.doi("Published as doi:10.1038/S41586-026-01234-5.")).contains("10.1038/s41586-026-01234-5");
        assertThat(Links.doi("https://arxiv.org/abs/2610.04101")).isEmpty();
    }
}
