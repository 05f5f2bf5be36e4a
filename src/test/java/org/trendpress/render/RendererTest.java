package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trendpress.render.IssueModel.NewsEntry;
import org.trendpress.render.IssueModel.RelatedWork;
import org.trendpress.render.IssueModel.ResearchEntry;

/**
 * Renders {@link SampleIssue} and compares it with the golden files in
 * {@code src/test/resources/golden/}.
 *
 * <p>After an intended template change, regenerate the goldens and review the diff:
 * <pre>mvn -B -q test -Dtest=RendererTest -Dgolden.update=true
 * git diff src/test/resources/golden/</pre>
 * With {@code golden.update=true} the golden tests write the files instead of comparing.
 */
class RendererTest {

    private static final Path TEMPLATES = Path.of("templates");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private final Renderer renderer = new Renderer(TEMPLATES);
    private final IssueModel issue = SampleIssue.october2026();

    @Test
    void webPageMatchesGolden() throws IOException {
        assertGolden("issue-web.html", renderer.webPage(issue));
    }

    @Test
    void emailHtmlMatchesGolden() throws IOException {
        assertGolden("issue-email.html", renderer.emailHtml(issue, SampleIssue.UNSUBSCRIBE_URL));
    }

    @Test
    void emailTextMatchesGolden() throws IOException {
        assertGolden("issue-email.txt", renderer.emailText(issue, SampleIssue.UNSUBSCRIBE_URL));
    }

    @Test
    void renderingIsDeterministic() {
        Renderer other = new Renderer(TEMPLATES);
        assertThat(renderer.webPage(issue)).isEqualTo(renderer.webPage(issue)).isEqualTo(other.webPage(issue));
        assertThat(renderer.emailHtml(issue, SampleIssue.UNSUBSCRIBE_URL))
                .isEqualTo(other.emailHtml(issue, SampleIssue.UNSUBSCRIBE_URL));
        assertThat(renderer.emailText(issue, SampleIssue.UNSUBSCRIBE_URL))
                .isEqualTo(other.emailText(issue, SampleIssue.UNSUBSCRIBE_URL));
    }

    @Test
    void issueStructureFollowsTheFormat() {
        String web = renderer.webPage(issue);
        assertThat(web)
                .contains("<title>Trends in AI — October 2026</title>")
                .contains("📰 News", "🔬 Research", "Datasets &amp; Benchmarks", "References")
                .contains("By Ines Marlow, Tomasz Okafor, Hye-jin Park, and Rafael Duarte.")
                .contains("❓ Why →", "💡 Key insights →", "Related: ")
                .contains("| <a href=\"https://github.com/example-lab/plan-small\">Code</a>")
                .contains("| <a href=\"https://plan-small.example.org\">Project page</a>")
                .contains("[2] “Long-Context Attention Without Tears”")
                .contains("href=\"https://trendpress.example.org/subscribe\"")
                .doesNotContain("<script");
        // entries keep their order
        assertThat(web.indexOf("1. <a")).isLessThan(web.indexOf("2. <a")).isLessThan(web.indexOf("3. <a"));

        String email = renderer.emailHtml(issue, SampleIssue.UNSUBSCRIBE_URL);
        assertThat(email)
                .contains("width=\"600\"")
                .contains("href=\"" + SampleIssue.UNSUBSCRIBE_URL + "\"")
                .contains("You receive this email because")
                .contains("<img src=\"cid:topics\"")
                .doesNotContain("<script", "<link", "src=\"http");
        // the hidden preheader carries the summary and comes first in the body
        int body = email.indexOf("<body");
        assertThat(email.indexOf("display:none", body)).isLessThan(email.indexOf("<table", body));

        String text = renderer.emailText(issue, SampleIssue.UNSUBSCRIBE_URL);
        assertThat(text)
                .startsWith("Trends in AI — October 2026\n")
                .contains("Unsubscribe: " + SampleIssue.UNSUBSCRIBE_URL)
                .contains("You receive this email because")
                .doesNotContain("&amp;", "&#39;");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.codePointCount(0, line.length()))
                .as("line too long: %s", line).isLessThanOrEqualTo(TemplateFormats.TEXT_WIDTH));
    }

    @Test
    void hostileTextIsEscapedInHtml() {
        String hostile = "<script>alert(1)</script>";
        ResearchEntry first = issue.research().get(0);
        ResearchEntry evil = new ResearchEntry(first.number(), hostile, first.url(), first.codeUrl(), first.projectUrl(),
                List.of(hostile), List.of(hostile), List.of("\"><img src=x onerror=alert(1)>"),
                List.of(new RelatedWork(hostile, "https://arxiv.org/abs/2601.00001")));
        List<ResearchEntry> research = new ArrayList<>(issue.research());
        research.set(0, evil);
        IssueModel hostileIssue = new IssueModel(issue.newsletterName(), issue.month(), issue.monthLabel(),
                hostile, hostile, List.of(hostile), List.of(new NewsEntry(hostile, "https://example.org/n", hostile)),
                research, issue.datasets(), issue.references(), issue.links(), issue.publishedAt());

        for (String html : List.of(renderer.webPage(hostileIssue),
                renderer.emailHtml(hostileIssue, SampleIssue.UNSUBSCRIBE_URL))) {
            assertThat(html)
                    .doesNotContain("<script>", "<img src=x")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .contains("&lt;img src=x onerror=alert(1)&gt;");
        }
        // plain text is not HTML: it keeps the characters as written
        assertThat(renderer.emailText(hostileIssue, SampleIssue.UNSUBSCRIBE_URL)).contains(hostile);
    }

    @Test
    void citationsBecomeFootnoteMarksInAllThreeRenderings() {
        String web = renderer.webPage(issue);
        assertThat(web)
                .contains("not actions<sup><a href=\"#ref-1\">1</a></sup>: a 1B planner")
                .contains("Sparse attention<sup><a href=\"#ref-2\">2</a></sup> has been")
                .contains("distilled planners<sup><a href=\"#ref-1\">1</a></sup><sup>,<a href=\"#ref-2\">2</a></sup>.")
                .contains("<li id=\"ref-1\">[1] <a href=\"https://arxiv.org/abs/2503.00001\">")
                .contains("<li id=\"ref-2\">[2] “Long-Context Attention Without Tears”")
                .doesNotContain("[[", "]]");

        // the email's marks are absolute: in-document anchors are unreliable in mail clients
        String email = renderer.emailHtml(issue, SampleIssue.UNSUBSCRIBE_URL);
        assertThat(email)
                .contains("not actions<sup style=\"font-size:12px;line-height:0\"><a href=\""
                        + issue.links().webUrl() + "#ref-1\"")
                .contains("id=\"ref-2\"")
                .doesNotContain("[[", "]]", "href=\"#ref");

        String text = renderer.emailText(issue, SampleIssue.UNSUBSCRIBE_URL);
        assertThat(text)
                .contains("not actions¹: a 1B planner")
                .contains("Sparse attention² has been")
                .contains("distilled planners¹,².")
                .contains("\n\nReferences\n----------\n\n1. “Distilling Step-by-Step Search Traces”")
                .doesNotContain("[[", "]]");
        // the References come after the notes, the link list after the References
        assertThat(text.indexOf("\nReferences\n")).isGreaterThan(text.indexOf("distilled planners¹,²."))
                .isLessThan(text.indexOf("\nLinks\n"));
    }

    @Test
    void citationsAreEscapedAndTheirLinksCannotInjectAttributes() {
        String hostile = "<script>alert(1)</script> \"quoted\" & 'single'";
        String note = "Note[[" + hostile + " | https://x.example/a?b=1&c=2]] and[[Bad | javascript:alert(1)]]"
                + " and[[Quote | https://x.example/\"onmouseover=alert(1)]] [[<b>open";
        IssueModel cited = Citations.withReferences(new IssueModel(issue.newsletterName(), issue.month(),
                issue.monthLabel(), issue.title(), issue.summary(), List.of(note), List.of(), List.of(), List.of(),
                List.of(), issue.links(), issue.publishedAt()), List.of());
        assertThat(cited.references()).extracting(IssueModel.Reference::url)
                .containsExactly("https://x.example/a?b=1&c=2", null, null);

        for (String html : List.of(renderer.webPage(cited), renderer.emailHtml(cited, SampleIssue.UNSUBSCRIBE_URL))) {
            assertThat(html)
                    .doesNotContain("<script>", "javascript:", "<b>", "\"onmouseover")
                    // the text stays text (the email's inliner writes quotes in text unescaped, which is safe)
                    .containsAnyOf("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;",
                            "&lt;script&gt;alert(1)&lt;/script&gt; \"quoted\" &amp; 'single'")
                    .contains("href=\"https://x.example/a?b=1&amp;c=2\"")
                    .contains("[[&lt;b&gt;open");
        }
        assertThat(renderer.webPage(cited)).contains("<p>Note<sup><a href=\"#ref-1\">1</a></sup> and<sup>"
                + "<a href=\"#ref-2\">2</a></sup> and<sup><a href=\"#ref-3\">3</a></sup> [[&lt;b&gt;open</p>");
        String text = renderer.emailText(cited, SampleIssue.UNSUBSCRIBE_URL);
        assertThat(text).contains("Note¹ and² and³ [[<b>open").contains("1. " + "<script>alert(1)</script>");
    }

    @Test
    void scriptLinksAreRefused() {
        ResearchEntry first = issue.research().get(0);
        ResearchEntry evil = new ResearchEntry(1, first.title(), "javascript:alert(1)", null, null,
                first.authors(), first.why(), first.keyInsights(), first.related());
        IssueModel bad = new IssueModel(issue.newsletterName(), issue.month(), issue.monthLabel(), issue.title(),
                issue.summary(), issue.intro(), issue.news(), List.of(evil), issue.datasets(), issue.references(),
                issue.links(), issue.publishedAt());
        assertThatThrownBy(() -> renderer.webPage(bad))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("research 1 url")
                .hasMessageContaining(Renderer.ISSUE_WEB);
        assertThatThrownBy(() -> renderer.emailText(issue, "JavaScript:alert(1)"))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("unsubscribeUrl");
        assertThat(Renderer.isSafeLink("2026-10/")).isTrue();
        assertThat(Renderer.isSafeLink("data:text/html,x")).isFalse();
        assertThat(Renderer.isSafeLink(" javascript:alert(1)")).isFalse();
    }

    @Test
    void emptySectionsAreOmitted() {
        IssueModel bare = new IssueModel(issue.newsletterName(), issue.month(), issue.monthLabel(), issue.title(),
                issue.summary(), List.of(), List.of(), List.of(), List.of(), null, issue.links(), null);
        for (String out : List.of(renderer.webPage(bare), renderer.emailHtml(bare, SampleIssue.UNSUBSCRIBE_URL),
                renderer.emailText(bare, SampleIssue.UNSUBSCRIBE_URL))) {
            assertThat(out)
                    .contains("Trends in AI — October 2026")
                    .doesNotContain("📰 News", "🔬 Research", "Datasets &", "References", "Published");
        }
        IssueModel newsOnly = new IssueModel(issue.newsletterName(), issue.month(), issue.monthLabel(), issue.title(),
                issue.summary(), issue.intro(), issue.news(), List.of(), List.of(), List.of(), issue.links(),
                issue.publishedAt());
        assertThat(renderer.webPage(newsOnly)).contains("📰 News").doesNotContain("🔬 Research", "References");
    }

    @Test
    void archiveIndexListsEveryIssue() {
        List<ArchiveEntry> entries = List.of(
                new ArchiveEntry("2026-10", "Trends in AI — October 2026", "Small models that plan <b>.", "2026-10/"),
                new ArchiveEntry("2026-09", "Trends in AI — September 2026", "Robots & rulers.", "2026-09/"));
        String html = renderer.archiveIndex("Trends in AI", entries, "https://trendpress.example.org/issues/feed.xml");
        assertThat(html)
                .contains("<a href=\"2026-10/\">Trends in AI — October 2026</a>")
                .contains("<a href=\"2026-09/\">Trends in AI — September 2026</a>")
                .contains("Small models that plan &lt;b&gt;.", "Robots &amp; rulers.")
                .contains("href=\"https://trendpress.example.org/issues/feed.xml\"");
        assertThat(html.indexOf("2026-10/")).isLessThan(html.indexOf("2026-09/"));
        assertThat(renderer.archiveIndex("Trends in AI", List.of(), "https://trendpress.example.org/issues/feed.xml"))
                .contains("No issue has been published yet.");
    }

    @Test
    void genericEntryPointsRenderAnyTemplateAndNameTheFailingOne() {
        assertThat(renderer.html(Renderer.ISSUE_ARCHIVE,
                Map.of("newsletterName", "X", "entries", List.of(), "feedUrl", "feed.xml"))).contains("X — Archive");
        assertThatThrownBy(() -> renderer.html("web/missing.html", Map.of()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("web/missing.html")
                .extracting(e -> ((RenderException) e).template()).isEqualTo("web/missing.html");
        assertThatThrownBy(() -> renderer.text("issue/web.html", Map.of()))
                .isInstanceOf(RenderException.class).hasMessageContaining(".txt");
        assertThatThrownBy(() -> renderer.html(Renderer.ISSUE_WEB, Map.of("fmt", "x")))
                .isInstanceOf(RenderException.class).hasMessageContaining("reserved");
    }

    @Test
    void everyNamedTemplateExists() throws IllegalAccessException {
        for (Field field : Renderer.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String name = (String) field.get(null);
                assertThat(TEMPLATES.resolve(name)).as(field.getName()).isRegularFile();
            }
        }
        assertThat(Renderer.TEMPLATES).allSatisfy(name -> assertThat(TEMPLATES.resolve(name)).isRegularFile());
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file missing; run with -Dgolden.update=true").exists();
        assertThat(actual).as("rendering differs from %s (regenerate with -Dgolden.update=true if intended)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
