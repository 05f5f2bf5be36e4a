package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Feed shapes ROME does not read on its own: Atom 0.3 base64 and escaped modes, RSS names in any case, CDF, image titles. */
class FeedParserShapesTest {

    private final FeedParser parser = new FeedParser();

    private ParsedFeed parse(String xml) {
        return parser.parse("t", xml.getBytes(StandardCharsets.UTF_8), null, "https://site.example/feed.xml");
    }

    private static String base64Wrapped(String s) {
        // wrapped at 16 characters and indented, as real base64 in feeds is
        String b = Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder("\n");
        for (int i = 0; i < b.length(); i += 16) {
            out.append("      ").append(b, i, Math.min(b.length(), i + 16)).append('\n');
        }
        return out.toString();
    }

    @Test
    void atom03Base64TitlesAndContentAreDecoded() {
        String xml = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">\n"
                + "  <title mode=\"base64\" type=\"text/html\">" + base64Wrapped("Notes from <b>the lab</b>") + "</title>\n"
                + "  <entry>\n"
                + "    <title mode=\"base64\">" + base64Wrapped("Tidal attention — für lange Kontexte") + "</title>\n"
                + "    <link rel=\"alternate\" type=\"text/html\" href=\"/posts/tidal\"/>\n"
                + "    <id>tag:site.example,2026:1</id>\n"
                + "    <content type=\"text/html\" mode=\"base64\">"
                + base64Wrapped("<p>Read <a href=\"https://arxiv.org/abs/2610.07777\">the paper</a>.</p>") + "</content>\n"
                + "  </entry>\n"
                + "</feed>";
        ParsedFeed feed = parse(xml);
        assertThat(feed.title()).isEqualTo("Notes from the lab");
        Item item = feed.items().get(0);
        assertThat(item.title()).isEqualTo("Tidal attention — für lange Kontexte");
        assertThat(item.url()).isEqualTo("https://site.example/posts/tidal");
        assertThat(item.summaryText()).isEqualTo("Read the paper.");
        assertThat(item.arxivId()).isEqualTo("2610.07777");
    }

    @Test
    void atom03EscapedTitlesAreReadAsHtml() {
        String xml = """
                <feed version="0.3" xmlns="http://purl.org/atom/ns#">
                  <title type="text/html" mode="escaped">Lab &amp;lt;notes&amp;gt; &lt;i&gt;weekly&lt;/i&gt;</title>
                  <entry>
                    <title type="text/html" mode="escaped">&lt;b&gt;Bold&lt;/b&gt; claims</title>
                    <link rel="alternate" type="text/html" href="https://site.example/p/1"/>
                    <id>tag:site.example,2026:2</id>
                  </entry>
                </feed>""";
        ParsedFeed feed = parse(xml);
        assertThat(feed.title()).isEqualTo("Lab <notes> weekly");
        assertThat(feed.items().get(0).title()).isEqualTo("Bold claims");
    }

    @Test
    void invalidBase64IsNotAFailedFeed() {
        String xml = """
                <feed version="0.3" xmlns="http://purl.org/atom/ns#">
                  <title>Lab</title>
                  <entry><title mode="base64">not base64 at all!</title>
                    <link rel="alternate" href="https://site.example/p/2"/><id>x</id></entry>
                </feed>""";
        assertThat(parse(xml).items()).singleElement()
                .satisfies(i -> assertThat(i.url()).isEqualTo("https://site.example/p/2"));
    }

    @Test
    void rssElementNamesAreReadInAnyCase() {
        String xml = """
                <RSS version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
                  <Channel>
                    <TITLE>Podcast</TITLE><Link>https://pod.example/</Link>
                    <ITEM><Title>Episode 1</Title><LINK>https://pod.example/1</LINK>
                      <PubDate>Tue, 06 Oct 2026 14:05:00 GMT</PubDate><itunes:author>Host</itunes:author></ITEM>
                  </Channel>
                </RSS>""";
        ParsedFeed feed = parse(xml);
        assertThat(feed.title()).isEqualTo("Podcast");
        assertThat(feed.link()).isEqualTo("https://pod.example/");
        assertThat(feed.items()).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Episode 1");
            assertThat(i.url()).isEqualTo("https://pod.example/1");
            assertThat(i.publishedAt()).isEqualTo(Instant.parse("2026-10-06T14:05:00Z"));
        });
    }

    @Test
    void aTitleThatIsOnlyAnImageBecomesItsAltTextOrEmpty() {
        String xml = """
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title type="html">&lt;img src="/logo.png" alt="Harbour Lab"&gt;</title>
                  <entry><title type="html">&lt;img src="x.png" onerror="alert(1)" alt=" Comic #12: the  moon "&gt;</title>
                    <id>urn:1</id><link href="https://site.example/comics/12"/></entry>
                  <entry><title type="html">&lt;img src="x.png" title="Only a title attribute"&gt;</title>
                    <id>urn:2</id><link href="https://site.example/comics/13"/></entry>
                  <entry><title type="html">&lt;img src="y.png"&gt;</title>
                    <id>urn:3</id><link href="https://site.example/comics/14"/></entry>
                  <entry><title type="html">&lt;img src="z.png"&gt;</title><id>urn:4</id></entry>
                </feed>""";
        ParsedFeed feed = parse(xml);
        assertThat(feed.title()).isEqualTo("Harbour Lab");
        assertThat(feed.items()).extracting(Item::title)
                .containsExactly("Comic #12: the moon", "Only a title attribute", "");
        // the fourth entry has neither a title nor a link nor text: nothing to show, so no Item
        assertThat(feed.items()).hasSize(3);
    }

    @Test
    void cdfChannelsAreReadAsFeeds() {
        String xml = """
                <?xml version="1.0"?>
                <CHANNEL HREF="https://cdf.example/" BASE="https://cdf.example/news/" LASTMOD="2026-10-06T14:05:00Z">
                  <TITLE>CDF news</TITLE>
                  <ABSTRACT>An old push channel</ABSTRACT>
                  <ITEM HREF="first.html" LASTMOD="2026-10-05T08:00:00Z">
                    <TITLE>First story</TITLE>
                    <ABSTRACT>It happened.</ABSTRACT>
                  </ITEM>
                  <CHANNEL>
                    <Item href="https://elsewhere.example/second"><Title>Nested channel story</Title></Item>
                  </CHANNEL>
                </CHANNEL>""";
        ParsedFeed feed = parse(xml);
        assertThat(feed.title()).isEqualTo("CDF news");
        assertThat(feed.link()).isEqualTo("https://cdf.example/");
        assertThat(feed.items()).hasSize(2);
        Item first = feed.items().get(0);
        assertThat(first.title()).isEqualTo("First story");
        assertThat(first.url()).isEqualTo("https://cdf.example/news/first.html");
        assertThat(first.summaryText()).isEqualTo("It happened.");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-10-05T08:00:00Z"));
        assertThat(feed.items().get(1).url()).isEqualTo("https://elsewhere.example/second");
        assertThat(feed.warnings()).contains("CDF (Channel Definition Format) read as RSS");
    }

    @Test
    void rssWithoutAChannelOrWithAnUnknownVersionIsStillRead() {
        ParsedFeed bare = parse("""
                <rss version="2.0"><title>Bare</title>
                  <item><title>Straight under rss</title><link>/p/1</link></item></rss>""");
        assertThat(bare.title()).isEqualTo("Bare");
        assertThat(bare.items()).singleElement().satisfies(i -> assertThat(i.url()).isEqualTo("https://site.example/p/1"));
        assertThat(bare.warnings()).anyMatch(w -> w.contains("no <channel>"));

        ParsedFeed future = parse("""
                <rss version="2.1"><channel><title>Future</title>
                  <item><title>One</title><link>https://site.example/1</link></item></channel></rss>""");
        assertThat(future.items()).hasSize(1);
        assertThat(future.warnings()).anyMatch(w -> w.contains("unknown RSS version 2.1"));

        ParsedFeed emptyRdf = parse("""
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
                </rdf:RDF>""");
        assertThat(emptyRdf.items()).isEmpty();
    }
}
