package org.trendpress.render;

import java.time.Instant;
import java.util.List;

/**
 * One published edition, frozen: everything the three renderings (web page, HTML email, text
 * email) and the archive feed need. Text fields are plain text written by editors or taken
 * from sanitised source metadata; templates escape them. Multi-paragraph texts are lists of
 * paragraphs.
 *
 * @param newsletterName e.g. "Trends in AI"
 * @param month          the issue's month as yyyy-MM
 * @param monthLabel     e.g. "October 2026"
 * @param title          e.g. "Trends in AI — October 2026"
 * @param summary        the one-line summary
 * @param intro          the editor's introduction, one string per paragraph
 * @param news           the News bullets, in order
 * @param research       the numbered Research entries, in order
 * @param datasets       the Datasets &amp; Benchmarks TL;DR list
 * @param references     the numbered References: cited works, then the research papers not cited
 * @param links          absolute links used in the footer
 * @param publishedAt    when the issue was published
 * @param topicTrend     share of research papers per topic against earlier months, or null
 *                       (issues archived before the chart existed have none)
 */
public record IssueModel(
        String newsletterName,
        String month,
        String monthLabel,
        String title,
        String summary,
        List<String> intro,
        List<NewsEntry> news,
        List<ResearchEntry> research,
        List<DatasetEntry> datasets,
        List<Reference> references,
        Links links,
        Instant publishedAt,
        TopicTrend topicTrend) {

    /** An issue without a topic-trend chart. */
    public IssueModel(String newsletterName, String month, String monthLabel, String title, String summary,
            List<String> intro, List<NewsEntry> news, List<ResearchEntry> research, List<DatasetEntry> datasets,
            List<Reference> references, Links links, Instant publishedAt) {
        this(newsletterName, month, monthLabel, title, summary, intro, news, research, datasets, references, links,
                publishedAt, null);
    }

    /** This issue with another topic trend. */
    public IssueModel withTopicTrend(TopicTrend trend) {
        return new IssueModel(newsletterName, month, monthLabel, title, summary, intro, news, research, datasets,
                references, links, publishedAt, trend);
    }

    /** This issue with other References (see {@link Citations#withReferences}). */
    public IssueModel withReferences(List<Reference> refs) {
        return new IssueModel(newsletterName, month, monthLabel, title, summary, intro, news, research, datasets,
                refs, links, publishedAt, topicTrend);
    }

    /** Whether the issue carries a chart to draw. */
    public boolean hasChart() {
        return topicTrend != null && topicTrend.drawable();
    }

    /** One News bullet: a headline linking to the story, then the editor's text. */
    public record NewsEntry(String headline, String url, String text) {}

    /**
     * One numbered Research entry.
     *
     * @param number      1-based position
     * @param title       the paper's title
     * @param url         the paper's link (arXiv abstract page or canonical URL)
     * @param codeUrl     code repository, or null
     * @param projectUrl  project page, or null
     * @param authors     author names in order
     * @param why         "❓ Why" paragraphs
     * @param keyInsights "💡 Key insights" paragraphs
     * @param related     related works (up to three)
     */
    public record ResearchEntry(
            int number,
            String title,
            String url,
            String codeUrl,
            String projectUrl,
            List<String> authors,
            List<String> why,
            List<String> keyInsights,
            List<RelatedWork> related) {}

    /** A related paper mentioned under a Research entry. */
    public record RelatedWork(String title, String url) {}

    /** One Datasets &amp; Benchmarks line: title linking to the work, then a TL;DR. */
    public record DatasetEntry(String title, String url, String tldr) {}

    /** One numbered reference, e.g. "“Attention Is All You Need” by Ashish Vaswani et al. 2017". */
    public record Reference(int number, String text, String url) {}

    /**
     * Absolute links for the footer and the feed.
     *
     * @param webUrl       this issue's web page
     * @param archiveUrl   the archive index
     * @param feedUrl      the archive feed (RSS 2.0)
     * @param subscribeUrl where readers subscribe
     */
    public record Links(String webUrl, String archiveUrl, String feedUrl, String subscribeUrl) {}
}
