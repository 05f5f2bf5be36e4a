package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML email's rules (issue 5): inlined CSS, 600 px table, preheader, alt texts, dark mode, size, no tracking. */
class EmailHtmlTest {

    /** Gmail clips messages whose HTML is larger than about 102 KB. */
    static final int GMAIL_CLIP_BYTES = 102 * 1024;

    private final Renderer renderer = new Renderer(Path.of("templates"));

    @Test
    void aFullSizeIssueStaysUnderGmailsClippingSize() {
        String html = renderer.emailHtml(FullSizeIssue.create(), FullSizeIssue.UNSUBSCRIBE_URL);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).as("HTML email of 10 papers and 8 news: %d bytes", bytes).isLessThan(GMAIL_CLIP_BYTES);
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("h3")).hasSize(10);
        assertThat(doc.select("li > a[href^=https://news.example.org/]")).hasSize(8);
    }

    @Test
    void stylesAreInlineAndOnlyMediaRulesStayInTheHead() {
        Document doc = Jsoup.parse(renderer.emailHtml(SampleIssue.october2026(), SampleIssue.UNSUBSCRIBE_URL));
        assertThat(doc.select("style")).hasSize(1);
        Element style = doc.selectFirst("head > style");
        assertThat(style.data()).startsWith("@media (prefers-color-scheme:dark){").endsWith("}");
        assertThat(doc.select("link, script, iframe, object, embed, form")).isEmpty();
        for (String tag : new String[] {"body", "h1", "h2", "h3", "p", "li", "a", "td.cell", "table"}) {
            assertThat(doc.select(tag)).as(tag).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.attr("style")).as("<%s> style", tag).isNotBlank());
        }
        assertThat(doc.select("a").first().attr("style")).contains("color:#0b57d0");
    }

    @Test
    void tableLayoutAt600PixelsPreheaderAndDarkModeMeta() {
        Document doc = Jsoup.parse(renderer.emailHtml(SampleIssue.october2026(), SampleIssue.UNSUBSCRIBE_URL));
        Element card = doc.selectFirst("table[width=600]");
        assertThat(card).isNotNull();
        assertThat(card.attr("role")).isEqualTo("presentation");
        assertThat(card.attr("style")).contains("max-width:600px");
        Element preheader = doc.body().child(0);
        assertThat(preheader.attr("style")).contains("display:none");
        assertThat(preheader.text()).isEqualTo(SampleIssue.october2026().summary());
        assertThat(doc.select("meta[name=color-scheme]").attr("content")).isEqualTo("light dark");
        assertThat(doc.select("meta[name=supported-color-schemes]").attr("content")).isEqualTo("light dark");
    }

    @Test
    void everyImageIsTheInlineChartWithItsNumbersInTheAltText() {
        IssueModel issue = SampleIssue.october2026();
        Document doc = Jsoup.parse(renderer.emailHtml(issue, SampleIssue.UNSUBSCRIBE_URL));
        assertThat(doc.select("img")).hasSize(1).allSatisfy(img -> {
            assertThat(img.attr("src")).isEqualTo("cid:" + TopicChart.CONTENT_ID);
            assertThat(img.attr("alt")).isEqualTo(issue.topicTrend().description()).contains("Language 35% (31%)");
            assertThat(img.attr("width")).isEqualTo(String.valueOf(TopicChart.SHOWN_WIDTH));
            assertThat(img.attr("height")).isEqualTo(String.valueOf(TopicChart.SHOWN_HEIGHT));
        });
        // without a trend there is no image at all
        assertThat(renderer.emailHtml(issue.withTopicTrend(null), SampleIssue.UNSUBSCRIBE_URL)).doesNotContain("<img");
    }

    @Test
    void classesAreOnlyHooksForTheDarkModeRulesAndEveryClassedElementIsStyledInline() {
        Document doc = Jsoup.parse(renderer.emailHtml(FullSizeIssue.create(), FullSizeIssue.UNSUBSCRIBE_URL));
        String styleBlocks = String.join("\n", doc.select("style").eachText()) + doc.select("style").html();
        // a client that drops <style> (and with it the dark-mode rules) still shows every element styled
        assertThat(doc.select("body [class]")).isNotEmpty().allSatisfy(e -> {
            assertThat(e.attr("style")).as("inline style of <%s class=%s>", e.tagName(), e.className()).isNotBlank();
            for (String c : e.classNames()) {
                assertThat(styleBlocks).as("a rule names .%s", c).contains("." + c);
            }
        });
    }

    @Test
    void noTracking() {
        IssueModel issue = FullSizeIssue.create();
        Document doc = Jsoup.parse(renderer.emailHtml(issue, FullSizeIssue.UNSUBSCRIBE_URL));
        // no remote image (no pixel), no redirector: every link goes where the issue says
        assertThat(doc.select("img[src]")).allSatisfy(img -> assertThat(img.attr("src")).startsWith("cid:"));
        assertThat(doc.select("[style*=url(]")).isEmpty();
        assertThat(doc.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href"))
                .doesNotContain("utm_", "track", "redirect", "click"));
        assertThat(doc.select("a[href]").eachAttr("href")).contains(FullSizeIssue.UNSUBSCRIBE_URL,
                issue.research().get(0).url(), issue.news().get(0).url());
    }

    @Test
    void personalisedBySubstitutionIsByteIdenticalToRenderingForTheReader() {
        IssueMailTemplate template = IssueMailTemplate.of(renderer, FullSizeIssue.create());
        for (String url : new String[] {FullSizeIssue.UNSUBSCRIBE_URL, "https://x.example/u?token=a&b=c"}) {
            assertThat(template.html(url)).isEqualTo(renderer.emailHtml(FullSizeIssue.create(), url));
            assertThat(template.text(url)).isEqualTo(renderer.emailText(FullSizeIssue.create(), url));
        }
        assertThat(template.chartPng()).isEqualTo(renderer.chartPng(FullSizeIssue.create()));
    }

    @Test
    void deterministic() {
        Renderer other = new Renderer(Path.of("templates"));
        IssueModel issue = FullSizeIssue.create();
        assertThat(renderer.emailHtml(issue, FullSizeIssue.UNSUBSCRIBE_URL))
                .isEqualTo(other.emailHtml(FullSizeIssue.create(), FullSizeIssue.UNSUBSCRIBE_URL));
        assertThat(renderer.chartPng(issue)).isEqualTo(other.chartPng(FullSizeIssue.create()));
    }
}
