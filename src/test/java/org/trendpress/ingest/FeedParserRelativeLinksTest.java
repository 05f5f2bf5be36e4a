package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Relative links in RSS and Atom: xml:base with inheritance, then the document URL; only http(s) kept. */
class FeedParserRelativeLinksTest {

    private final FeedParser parser = new FeedParser();

    private ParsedFeed parse(String xml, String documentUrl) {
        return parser.parse("t", xml.getBytes(StandardCharsets.UTF_8), null, documentUrl);
    }

    @Test
    void atomXmlBaseNestsFromFeedToEntryToLink() {
        String xml = """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://lab.example/blog/">
                  <title>Lab</title>
                  <link href="./"/>
                  <entry xml:base="2026/">
                    <title>Nested</title><id>urn:a</id>
                    <link href="tidal.html"/>
                    <link rel="related" href="../../code/tidal" />
                  </entry>
                  <entry>
                    <title>Own base on the link</title><id>urn:b</id>
                    <link xml:base="https://mirror.example/x/" href="y.html"/>
                  </entry>
                  <entry>
                    <title>Absolute stays</title><id>urn:c</id>
                    <link href="https://other.example/p"/>
                  </entry>
                </feed>""";
        ParsedFeed feed = parse(xml, "https://feeds.example/lab.atom");
        assertThat(feed.link()).isEqualTo("https://lab.example/blog/");
        assertThat(feed.items().get(0).url()).isEqualTo("https://lab.example/blog/2026/tidal.html");
        assertThat(feed.items().get(0).links()).containsExactly("https://lab.example/code/tidal");
        assertThat(feed.items().get(1).url()).isEqualTo("https://mirror.example/x/y.html");
        assertThat(feed.items().get(2).url()).isEqualTo("https://other.example/p");
    }

    @Test
    void aRelativeXmlBaseResolvesAgainstTheDocumentUrl() {
        String xml = """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/">
                  <title>Lab</title>
                  <entry><title>One</title><id>urn:1</id><link href="one"/></entry>
                </feed>""";
        assertThat(parse(xml, "https://lab.example/feeds/atom.xml").items().get(0).url())
                .isEqualTo("https://lab.example/blog/one");
    }

    @Test
    void rssLinksResolveAgainstChannelAndItemXmlBase() {
        String xml = """
                <rss version="2.0" xml:base="https://news.example/">
                  <channel>
                    <title>News</title><link>/</link>
                    <item xml:base="https://news.example/2026/11/">
                      <title>Item base</title><link>story.html</link>
                      <enclosure url="audio.mp3" type="audio/mpeg" length="1"/>
                    </item>
                    <item><title>Channel base</title><link>other.html</link></item>
                  </channel>
                </rss>""";
        ParsedFeed feed = parse(xml, null);
        assertThat(feed.link()).isEqualTo("https://news.example/");
        assertThat(feed.items().get(0).url()).isEqualTo("https://news.example/2026/11/story.html");
        assertThat(feed.items().get(0).links()).containsExactly("https://news.example/2026/11/audio.mp3");
        assertThat(feed.items().get(1).url()).isEqualTo("https://news.example/other.html");
    }

    @Test
    void withoutXmlBaseRelativeLinksResolveAgainstTheDocumentUrl() {
        String xml = """
                <rss version="2.0"><channel>
                  <title>Blog</title><link>/</link>
                  <item><title>Post</title><link>/posts/1?x=1</link>
                    <description>&lt;p&gt;See &lt;a href="../code/repo"&gt;the code&lt;/a&gt;
                      and &lt;a href="#fn1"&gt;note 1&lt;/a&gt;.&lt;/p&gt;</description></item>
                  <item><title>Sibling</title><link>sibling.html</link></item>
                </channel></rss>""";
        ParsedFeed feed = parse(xml, "https://blog.example/feeds/rss.xml");
        assertThat(feed.link()).isEqualTo("https://blog.example/");
        Item post = feed.items().get(0);
        assertThat(post.url()).isEqualTo("https://blog.example/posts/1?x=1");
        assertThat(post.links()).containsExactly("https://blog.example/code/repo");
        assertThat(post.summaryHtml()).contains("href=\"https://blog.example/code/repo\"");
        assertThat(feed.items().get(1).url()).isEqualTo("https://blog.example/feeds/sibling.html");
    }

    @Test
    void relativeLinksWithoutAnyBaseAreDroppedNotKeptRelative() {
        String xml = """
                <rss version="2.0"><channel><title>Blog</title><link>/</link>
                  <item><guid>g1</guid><title>Post</title><link>/posts/1</link></item>
                </channel></rss>""";
        ParsedFeed feed = parser.parse("t", xml.getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.link()).isNull();
        assertThat(feed.items().get(0).url()).isNull();
        assertThat(feed.items().get(0).title()).isEqualTo("Post");
    }

    @Test
    void onlyHttpLinksAreKept() {
        String xml = """
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Odd</title>
                  <entry><title>Script</title><id>urn:s</id>
                    <link href="javascript:alert(1)"/>
                    <link rel="enclosure" href="data:text/html,hi"/>
                    <link rel="related" href="mailto:a@b.example"/>
                    <link rel="via" href="ftp://files.example/x"/>
                  </entry>
                  <entry><title>File base</title><id>urn:f</id><link href="local.html"/></entry>
                </feed>""";
        ParsedFeed feed = parse(xml, "file:/tmp/feeds/odd.atom");
        assertThat(feed.items().get(0).url()).isNull();
        assertThat(feed.items().get(0).links()).isEmpty();
        // a file's relative link resolves to a file: URL, which is no link for readers
        assertThat(feed.items().get(1).url()).isNull();
    }

    @Test
    void theConnectorWithoutADocumentUrlStillReadsAbsoluteLinks() {
        String xml = """
                <rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>
                  <item><title>Post</title><link>https://blog.example/p</link></item>
                </channel></rss>""";
        ParsedFeed feed = parser.parse("t", xml.getBytes(StandardCharsets.UTF_8), null);
        assertThat(feed.link()).isEqualTo("https://blog.example/");
        assertThat(feed.items().get(0).url()).isEqualTo("https://blog.example/p");
    }
}
