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
    void canonicalRemovesEveryKnownTrackingParameterAndKeepsTheOthersInOrder() {
        assertThat(Links.canonical("https://news.example/p?b=2&gclid=1&a=1&mc_cid=c&mc_eid=e&ref=hn&z=9"))
                .isEqualTo("https://news.example/p?b=2&a=1&z=9");
        assertThat(Links.canonical("https://x.example/?ref_src=twsrc%5Etfw&igshid=abc&_hsenc=p2&_hsmi=5"
                + "&mkt_tok=t&UTM_Campaign=Fall&utm_=x&q=llm")).isEqualTo("https://x.example/?q=llm");
        assertThat(Links.canonical("https://x.example/search?q=a+b&page=2&sort=new"))
                .isEqualTo("https://x.example/search?q=a+b&page=2&sort=new");
        // parameters whose names merely contain a tracking word stay
        assertThat(Links.canonical("https://x.example/?referrer=a&prefix=b")).isEqualTo("https://x.example/?referrer=a&prefix=b");
    }

    @Test
    void canonicalDropsEmptyQueryAndFragmentButKeepsPathCaseAndEncoding() {
        assertThat(Links.canonical("https://Blog.Example/Posts/A%20B?utm_source=x#top"))
                .isEqualTo("https://blog.example/Posts/A%20B");
        assertThat(Links.canonical("https://blog.example/post?")).isEqualTo("https://blog.example/post");
        assertThat(Links.canonical("https://blog.example/post#comments")).isEqualTo("https://blog.example/post");
        assertThat(Links.canonical("  https://blog.example/x  ")).isEqualTo("https://blog.example/x");
    }

    @Test
    void canonicalHandlesPortsUserInfoAndUnusualHosts() {
        assertThat(Links.canonical("http://Example.com:80/a")).isEqualTo("http://example.com/a");
        assertThat(Links.canonical("https://example.com:80/a")).isEqualTo("https://example.com:80/a");
        assertThat(Links.canonical("http://example.com:443/a")).isEqualTo("http://example.com:443/a");
        assertThat(Links.canonical("https://user@Example.com/a")).isEqualTo("https://user@example.com/a");
        assertThat(Links.canonical("http://[2001:DB8::1]:8080/a")).isEqualTo("http://[2001:db8::1]:8080/a");
        assertThat(Links.canonical("https://my_host.Example/x")).isEqualTo("https://my_host.example/x");
        assertThat(Links.canonical("https://example.com./x")).isEqualTo("https://example.com/x");
        assertThat(Links.canonical("https://example.com:0443/x")).isEqualTo("https://example.com/x");
        assertThat(Links.canonical("https://example.com:/x")).isEqualTo("https://example.com/x");
        assertThat(Links.canonical("https://example.com:99999999999999/x")).isEqualTo("https://example.com:99999999999999/x");
    }

    @Test
    void canonicalLeavesNonUrlsAlone() {
        assertThat(Links.canonical("urn:uuid:1234")).isEqualTo("urn:uuid:1234");
        assertThat(Links.canonical("  ")).isNull();
        assertThat(Links.canonical(null)).isNull();
        assertThat(Links.canonical("not a url with spaces")).isEqualTo("not a url with spaces");
        assertThat(Links.canonical("/relative/path?utm_source=x")).isEqualTo("/relative/path?utm_source=x");
        assertThat(Links.canonical("ftp://Files.Example/x")).isEqualTo("ftp://Files.Example/x");
        assertThat(Links.canonical("mailto:someone@example.com")).isEqualTo("mailto:someone@example.com");
    }

    @Test
    void canonicalFormsOfOneArticleAreEqual() {
        String a = Links.canonical("https://Lab.Example/blog/sparse?utm_source=twitter&utm_medium=social#intro");
        String b = Links.canonical("https://lab.example:443/blog/sparse?fbclid=IwAR0");
        String c = Links.canonical("https://lab.example/blog/sparse");
        assertThat(a).isEqualTo(b).isEqualTo(c);
    }

    @Test
    void arxivIdsFromEveryLinkShapeWithoutVersion() {
        assertThat(Links.arxivId("https://arxiv.org/abs/2610.04101")).contains("2610.04101");
        assertThat(Links.arxivId("https://arxiv.org/pdf/2610.04101v3")).contains("2610.04101");
        assertThat(Links.arxivId("https://arxiv.org/pdf/2610.04101v3.pdf")).contains("2610.04101");
        assertThat(Links.arxivId("https://arxiv.org/html/2610.04101v1#S2")).contains("2610.04101");
        assertThat(Links.arxivId("http://export.arxiv.org/abs/1706.03762v7")).contains("1706.03762");
        assertThat(Links.arxivId("https://www.arxiv.org/abs/0704.0001")).contains("0704.0001");
        assertThat(Links.arxivId("https://arxiv.org/format/2401.01234")).contains("2401.01234");
        assertThat(Links.arxivId("http://arxiv.org/abs/hep-th/9901001v2")).contains("hep-th/9901001");
        assertThat(Links.arxivId("see arXiv:2610.04109v1 for details")).contains("2610.04109");
        assertThat(Links.arxivId("(arXiv: 2401.01234)")).contains("2401.01234");
        assertThat(Links.arxivId("https://huggingface.co/papers/2607.23193")).contains("2607.23193");
        assertThat(Links.arxivId("https://doi.org/10.48550/arXiv.2401.01234")).contains("2401.01234");
        assertThat(Links.arxivId("https://tldr.takara.ai/p/2604.26238")).contains("2604.26238");
        assertThat(Links.arxivId("https://www.alphaxiv.org/abs/2604.26238v2")).contains("2604.26238");
        assertThat(Links.arxivId("https://ar5iv.labs.arxiv.org/html/1706.03762")).contains("1706.03762");
        assertThat(Links.arxivId("https://ar5iv.org/abs/1706.03762")).contains("1706.03762");
        assertThat(Links.arxivId("https://huggingface.co/papers?date=2026-10-01")).isEmpty();
        assertThat(Links.arxivId("https://example.com/2610.04101")).isEmpty();
        assertThat(Links.arxivId(null)).isEmpty();
        assertThat(Links.arxivId("")).isEmpty();
    }

    @Test
    void oldStyleArxivIdsIncludingSubjectClassAndCase() {
        assertThat(Links.arxivId("https://arxiv.org/abs/math.GT/0309136")).contains("math/0309136");
        assertThat(Links.arxivId("arXiv:math.GT/0309136v1")).contains("math/0309136");
        assertThat(Links.arxivId("https://arxiv.org/pdf/cond-mat/0102536v1")).contains("cond-mat/0102536");
        assertThat(Links.arxivId("https://arxiv.org/abs/Hep-TH/9901001")).contains("hep-th/9901001");
        assertThat(Links.arxivId("arXiv:quant-ph/0512258")).contains("quant-ph/0512258");
        assertThat(Links.arxivId("http://arxiv.org/abs/astro-ph/0703999v2")).contains("astro-ph/0703999");
        assertThat(Links.arxivVersion("http://arxiv.org/abs/astro-ph/0703999v2")).isEqualTo(2);
    }

    @Test
    void arxivIdsRejectLookalikes() {
        assertThat(Links.arxivId("https://notarxiv.org/abs/2401.01234")).isEmpty();
        assertThat(Links.arxivId("https://arxiv.org/list/cs.LG/recent")).isEmpty();
        assertThat(Links.arxivId("https://arxiv.org/abs/2413.01234")).isEmpty(); // month 13
        assertThat(Links.arxivId("arXiv:2401.012345")).isEmpty(); // six digits
        assertThat(Links.arxivId("version 2401.01234 of the tool")).isEmpty();
    }

    @Test
    void theFirstArxivIdInTextWins() {
        String text = "Builds on arXiv:2301.00001 and https://arxiv.org/abs/hep-th/9901001";
        assertThat(Links.arxivId(text)).contains("2301.00001");
        assertThat(Links.arxivId("https://arxiv.org/abs/hep-th/9901001 then arXiv:2301.00001"))
                .contains("hep-th/9901001");
    }

    @Test
    void arxivVersionIsAvailableSeparatelyAndZeroWhenNone() {
        assertThat(Links.arxivVersion("https://arxiv.org/abs/2610.04101v3")).isEqualTo(3);
        assertThat(Links.arxivVersion("arXiv:2610.04101V12")).isEqualTo(12);
        assertThat(Links.arxivVersion("https://arxiv.org/abs/2610.04101")).isZero();
        assertThat(Links.arxivVersion("no id here")).isZero();
        assertThat(Links.arxivVersion(null)).isZero();
    }

    @Test
    void bareArxivIdsAreRecognised() {
        assertThat(Links.isArxivId("2607.23193")).isTrue();
        assertThat(Links.isArxivId("2607.23193v2")).isTrue();
        assertThat(Links.isArxivId("0704.0001")).isTrue();
        assertThat(Links.isArxivId("hep-th/9901001")).isTrue();
        assertThat(Links.isArxivId("math.GT/0309136")).isTrue();
        assertThat(Links.isArxivId("paper-42")).isFalse();
        assertThat(Links.isArxivId(null)).isFalse();
        assertThat(Links.arxivAbsUrl("2607.23193")).isEqualTo("https://arxiv.org/abs/2607.23193");
    }

    @Test
    void doisFromLinksAndTextLowerCasedWithoutTrailingPunctuation() {
        assertThat(Links.doi("https://doi.org/10.1145/3292500.3330701")).contains("10.1145/3292500.3330701");
        assertThat(Links.doi("Published as doi:10.1038/S41586-026-01234-5.")).contains("10.1038/s41586-026-01234-5");
        assertThat(Links.doi("https://arxiv.org/abs/2610.04101")).isEmpty();
    }

    @Test
    void doisFromEveryLinkShape() {
        assertThat(Links.doi("http://dx.doi.org/10.1000/XYZ123")).contains("10.1000/xyz123");
        assertThat(Links.doi("https://doi.org/10.1000%2Fabc-7")).contains("10.1000/abc-7");
        assertThat(Links.doi("https://doi.org/10.1000/abc?utm_source=x")).contains("10.1000/abc");
        assertThat(Links.doi("https://doi.org/10.1000/abc#section")).contains("10.1000/abc");
        assertThat(Links.doi("DOI: 10.18653/v1/2024.acl-long.1")).contains("10.18653/v1/2024.acl-long.1");
        assertThat(Links.doi("https://dl.acm.org/doi/10.1145/3600006.3613165")).contains("10.1145/3600006.3613165");
        assertThat(Links.doi("https://doi.org/10.48550/arXiv.2401.01234")).contains("10.48550/arxiv.2401.01234");
    }

    @Test
    void doiTrailingPunctuationAndBracketsAreStrippedButBalancedBracketsKept() {
        assertThat(Links.doi("(see 10.1000/abc123).")).contains("10.1000/abc123");
        assertThat(Links.doi("[10.1000/abc123]")).contains("10.1000/abc123");
        assertThat(Links.doi("'10.1000/abc123',")).contains("10.1000/abc123");
        assertThat(Links.doi("in 10.1016/S0140-6736(20)30183-5; later")).contains("10.1016/s0140-6736(20)30183-5");
        assertThat(Links.doi("(doi:10.1016/S0140-6736(20)30183-5)")).contains("10.1016/s0140-6736(20)30183-5");
        assertThat(Links.doi("<a href=\"https://doi.org/10.1000/q1\">x</a>")).contains("10.1000/q1");
    }

    @Test
    void doiRejectsNonDois() {
        assertThat(Links.doi(null)).isEmpty();
        assertThat(Links.doi("")).isEmpty();
        assertThat(Links.doi("version 10.12 released")).isEmpty();
        assertThat(Links.doi("10.1000/")).isEmpty();
        assertThat(Links.doi("https://example.com/210.1000/abc")).isEmpty();
    }

    @Test
    void resolveFollowsRfc3986AgainstABase() {
        String base = "https://lab.example/blog/2026/post.html?x=1#top";
        assertThat(Links.resolve(base, "other.html")).isEqualTo("https://lab.example/blog/2026/other.html");
        assertThat(Links.resolve(base, "../2025/old")).isEqualTo("https://lab.example/blog/2025/old");
        assertThat(Links.resolve(base, "/root")).isEqualTo("https://lab.example/root");
        assertThat(Links.resolve(base, "//cdn.example/a.png")).isEqualTo("https://cdn.example/a.png");
        assertThat(Links.resolve(base, "?page=2")).isEqualTo("https://lab.example/blog/2026/post.html?page=2");
        assertThat(Links.resolve("https://lab.example", "feed")).isEqualTo("https://lab.example/feed");
        assertThat(Links.resolve(base, "  https://other.example/p  ")).isEqualTo("https://other.example/p");
    }

    @Test
    void resolveKeepsOnlyHttpResults() {
        assertThat(Links.resolve("https://lab.example/", "javascript:alert(1)")).isNull();
        assertThat(Links.resolve("https://lab.example/", "data:text/html,x")).isNull();
        assertThat(Links.resolve("https://lab.example/", "mailto:a@lab.example")).isNull();
        assertThat(Links.resolve("file:/tmp/feed.xml", "post.html")).isNull();
        assertThat(Links.resolve(null, "/relative")).isNull();
        assertThat(Links.resolve("not a url", "/relative")).isNull();
        assertThat(Links.resolve("https://lab.example/", "  ")).isNull();
        assertThat(Links.resolveAny("file:/tmp/feed.xml", "post.html")).isEqualTo("file:/tmp/post.html");
        assertThat(Links.resolveAny("https://lab.example/a/", "b/")).isEqualTo("https://lab.example/a/b/");
    }
}
