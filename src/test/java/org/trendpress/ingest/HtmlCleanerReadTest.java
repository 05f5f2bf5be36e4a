package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.trendpress.testing.SharedData;

/**
 * {@link HtmlCleaner#read} reads text, links and the sanitised fragment in one pass of the
 * sanitiser. Before, it parsed each fragment with jsoup for the text and links and sanitised it
 * apart; {@link #reference} is that code, kept here as the oracle: the text is jsoup's
 * {@code Element.text()}, the links the {@code a[href]} of jsoup's tree, the HTML the sanitiser's
 * output for the same markup.
 */
class HtmlCleanerReadTest {

    private final HtmlCleaner cleaner = new HtmlCleaner();

    /** The code before: jsoup for text and links, relative URLs resolved in jsoup's tree, then sanitised. */
    private HtmlCleaner.Fragment reference(String html, String base) {
        if (html == null || html.isBlank()) {
            return new HtmlCleaner.Fragment("", List.of(), "");
        }
        if (html.indexOf('<') < 0) {
            return new HtmlCleaner.Fragment(cleaner.text(html), List.of(), cleaner.sanitise(html));
        }
        Document doc = Jsoup.parseBodyFragment(html);
        String text = doc.text().trim();
        boolean changed = false;
        List<String> links = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            if (base != null) {
                for (String attr : new String[] {"href", "src"}) {
                    String v = e.attr(attr);
                    if (v.isEmpty() || v.startsWith("#") || v.startsWith("http://") || v.startsWith("https://")) {
                        continue;
                    }
                    String abs = Links.resolveAny(base, v);
                    if (abs != null && !abs.equals(v)) {
                        e.attr(attr, abs);
                        changed = true;
                    }
                }
            }
            if (e.normalName().equals("a") && e.hasAttr("href")) {
                String href = e.attr("href").trim();
                if (href.startsWith("http://") || href.startsWith("https://")) {
                    links.add(href);
                }
            }
        }
        String out = html;
        if (changed) {
            doc.outputSettings().prettyPrint(false);
            out = doc.body().html();
        }
        return new HtmlCleaner.Fragment(text, links, cleaner.sanitise(out));
    }

    private void same(String html, String base) {
        HtmlCleaner.Fragment got = cleaner.read(html, base);
        HtmlCleaner.Fragment want = reference(html, base);
        assertThat(got.text()).as("text of %s", html).isEqualTo(want.text());
        assertThat(got.links()).as("links of %s", html).isEqualTo(want.links());
        assertThat(got.html()).as("sanitised %s", html).isEqualTo(want.html());
    }

    @Test
    void textSpacingFollowsJsoup() {
        same("<p>One</p><p>Two</p>", null);
        same("<div>One</div>Two <b>three</b><div>four</div><span>five</span>", null);
        same("a<br>b<br/>c", null);
        same("<ul><li>x</li><li> y </li></ul>tail", null);
        same("<p>a<p>b<p>c", null);
        same("<h2>Title</h2>\n\n   <p>  spaced   out\ttext\n</p>", null);
        same("<pre>  keep\n   this  </pre> and <code>  not   this </code>", null);
        same("x<hr>y<hr/>z", null);
        same("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>after", null);
        same("<section>one</section><article>two</article><custom>three</custom><custom>four</custom>", null);
        same("<div>block</div><custom>unknown tag after a block</custom>", null);
        same("<blockquote>q</blockquote><a href=\"https://x.test/\">link</a>", null);
        same("<figure><img src=\"https://x.test/i.png\" alt=\"alt\"><figcaption>cap</figcaption></figure>text", null);
    }

    @Test
    void generatedTextWithEveryKindOfWhitespaceFollowsJsoup() {
        // text chunks copied whole (single spaces between words) and chunks normalised character by
        // character (runs, tabs, newlines, no-break and invisible characters, leading spaces after a
        // space), next to inline and block elements
        String[] pieces = {"word", "two words", " lead", "trail ", "  run  ", "a\tb", "line\nbreak", "\u00A0nb",
            "zero\u200Bwidth", "soft\u00ADhyphen", "caf\u00E9", "\uD83D\uDE00", "&nbsp;", "&amp;",
            "<b>bold</b>", "<i> it </i>", "<b> two  spaces </b>", "<br>", "<div> block\n</div>", "<p>para </p>", " ", "\n",
            "<pre> keep  this </pre>"};
        // well-formed markup only: where tags are unbalanced the sanitiser's tree is not jsoup's (see below)
        java.util.Random r = new java.util.Random(5);
        for (int k = 0; k < 3_000; k++) {
            StringBuilder html = new StringBuilder("<p>");
            for (int n = 1 + r.nextInt(10); n > 0; n--) {
                html.append(pieces[r.nextInt(pieces.length)]);
            }
            same(html.toString(), null);
        }
        // where the two differ (before the fast path too): the sanitiser drops C0 control
        // characters before any text reaches the reader, jsoup keeps them in its text
        assertThat(cleaner.read("<p>word\u0001ctl  run", null).text()).isEqualTo("wordctl run");
        assertThat(Jsoup.parseBodyFragment("<p>word\u0001ctl  run").text()).isEqualTo("word\u0001ctl run");
        assertThat(HtmlCleaner.plain("two words here", false)).isTrue();
        assertThat(HtmlCleaner.plain(" lead", false)).isTrue();
        assertThat(HtmlCleaner.plain(" lead", true)).isFalse();
        assertThat(HtmlCleaner.plain("two  spaces", false)).isFalse();
        assertThat(HtmlCleaner.plain("tab\there", false)).isFalse();
        assertThat(HtmlCleaner.plain("no\u00A0break", false)).isFalse();
    }

    @Test
    void entitiesAndInvisibleCharacters() {
        same("<p>caf&eacute; &amp; cr&egrave;me&nbsp;&nbsp;br&ucirc;l&eacute;e &#8203;zero&shy;width</p>", null);
        same("<p>&lt;script&gt;not a tag&lt;/script&gt; &quot;quoted&quot; &#x1F600; emoji</p>", null);
        same("<b>bold</b>&nbsp;<i>italic</i>", null);
    }

    @Test
    void scriptsStylesAndHandlersAreNotText() {
        same("<p>before</p><script>alert('x')</script><p>after</p>", null);
        same("<style>p { color: red }</style>visible<img src=x onerror=alert(1)>", null);
        same("<iframe src=\"https://evil.test/\"></iframe>still here <a href=\"javascript:alert(1)\">js</a>", null);
        same("<p onclick=\"steal()\">click</p><a href=\"https://ok.test/a\" onmouseover=\"x()\">ok</a>", null);
    }

    @Test
    void linksAndRelativeUrls() {
        same("<a href=\"https://a.test/1\">1</a> <a href=\" http://b.test/2 \">2</a> <a href=\"mailto:x@y\">m</a>"
                + " <a>none</a> <a href=\"/rel\">rel</a>", null);
        same("<p><a href=\"/paper/1\">paper</a> and <img src=\"img/fig.png\"> and <a href=\"#fn1\">1</a></p>",
                "https://blog.test/posts/entry.html");
        same("<a href=\"../up\">up</a><a href=\"https://abs.test/\">abs</a>", "https://blog.test/a/b/");
    }

    @Test
    void plainTextAndEmpty() {
        same("", null);
        same("   ", null);
        same("just text with & ampersand", null);
        same("text   with\n\nspaces", null);
        assertThat(cleaner.read(null).text()).isEmpty();
    }

    @Test
    void malformedMarkup() {
        same("<p>unclosed <b>bold <i>both</p> after", null);
        same("</div>stray close<div>open", null);
        same("<<p>>double<</p>>", null);
        same("a < b and c > d", null);
    }

    /**
     * Where the one pass and jsoup part: the sanitiser drops comments, so a comment between a block
     * and a text is not seen (jsoup keeps it as a node and puts no space there, "ab"); and it reads
     * an HTML {@code <![CDATA[} as a comment ending at the first {@code >}, where jsoup reads a CDATA
     * section as text.
     */
    @Test
    void commentsAndCdataAreNotSeen() {
        assertThat(cleaner.read("<p>a</p><!-- comment -->b").text()).isEqualTo("a b");
        assertThat(reference("<p>a</p><!-- comment -->b", null).text()).isEqualTo("ab");
        // the sanitiser's lexer ends the "comment" at the first '>', so the rest is text, and safe
        HtmlCleaner.Fragment cdata = cleaner.read("<p>x</p><![CDATA[<script>alert(1)</script>]]>");
        assertThat(cdata.text()).isEqualTo("x alert(1)]]>");
        assertThat(cdata.html()).doesNotContain("<script").doesNotContain("CDATA");
    }

    /**
     * Two more places where the text follows the sanitiser's tree rather than jsoup's (found in
     * review; the sanitised HTML is OWASP's own either way): a script inside a {@code select} is
     * closed by OWASP's tag balancer before its body, so the body is text (and is text in the
     * sanitised HTML too); and past the balancer's nesting limit of 256 elements, tags and text are
     * dropped, so neither the text nor the links see them (a feed can only hide its own item's
     * links that way, which it could do by leaving them out).
     */
    @Test
    void malformedNestingFollowsTheSanitisersTree() {
        HtmlCleaner.Fragment select = cleaner.read("<select><script>sel()</script>o</select>after");
        assertThat(select.text()).isEqualTo("sel() oafter");
        assertThat(select.html()).doesNotContain("<script");
        assertThat(reference("<select><script>sel()</script>o</select>after", null).text()).isEqualTo("oafter");
        String deep = "<span>".repeat(260) + "<a href=\"https://deep.test/\">d</a>x";
        assertThat(cleaner.read(deep).links()).isEmpty();
        assertThat(cleaner.read(deep).text()).isEmpty();
        assertThat(cleaner.read("<span>".repeat(200) + "<a href=\"https://deep.test/\">d</a>x").links())
                .containsExactly("https://deep.test/");
    }

    /** Where two strings part, with a little context. */
    private static String diff(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        String part = a.substring(Math.max(0, i - 30), Math.min(a.length(), i + 30));
        StringBuilder out = new StringBuilder();
        for (char c : part.toCharArray()) {
            out.append(c < 32 || c >= 127 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /**
     * Every summary and content in the captured feeds (blogs, news, arXiv, and the feedparser and
     * ROME suites), read both ways: the same text, links and sanitised HTML. (A fragment holding an
     * HTML {@code <![CDATA[} is left out: see {@link #commentsAndCdataAreNotSeen}.)
     */
    @Test
    void sameAsJsoupOverEveryCapturedSummary() throws IOException {
        int checked = 0;
        List<String> differ = new ArrayList<>();
        for (String sub : List.of("ai-blog-feeds", "tech-news-feeds", "arxiv", "feedparser-conformance",
                "rome-testfeeds")) {
            Path dir = SharedData.require(sub);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".xml") || p.toString().endsWith(".rss")
                                || p.toString().endsWith(".atom") || p.toString().endsWith(".rdf"))
                        .sorted().toList();
            }
            for (Path f : files) {
                Document xml;
                try {
                    xml = Jsoup.parse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8), "",
                            Parser.xmlParser());
                } catch (RuntimeException e) {
                    continue; // not for this test: the conformance test covers unreadable files
                }
                for (Element e : xml.select("description, summary, content, content|encoded, encoded")) {
                    String html = e.text().isEmpty() ? e.html() : e.wholeText();
                    if (html.isBlank() || html.length() > 200_000 || html.contains("<![CDATA[")) {
                        continue;
                    }
                    checked++;
                    HtmlCleaner.Fragment got = cleaner.read(html, null);
                    HtmlCleaner.Fragment want = reference(html, null);
                    if (!got.equals(want)) {
                        differ.add(f.getFileName() + ": " + html.substring(0, Math.min(120, html.length()))
                                + "\n   text " + got.text().equals(want.text())
                                + " links " + got.links().equals(want.links())
                                + " html " + got.html().equals(want.html())
                                + (got.text().equals(want.text()) ? "" : "\n   got  " + diff(got.text(), want.text())
                                        + "\n   want " + diff(want.text(), got.text())));
                    }
                }
            }
        }
        System.out.printf("HtmlCleaner.read against jsoup: %d captured summaries, %d differ%n", checked,
                differ.size());
        differ.stream().limit(20).forEach(System.out::println);
        assertThat(checked).isGreaterThan(1000);
        assertThat(differ).isEmpty();
    }
}
