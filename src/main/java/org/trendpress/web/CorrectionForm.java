package org.trendpress.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.trendpress.render.Citations;
import org.trendpress.render.IssueJson;
import org.trendpress.render.IssueModel;

/**
 * The correction form of a published Issue: its editable texts (title, summary, intro, each
 * Research entry's Why and Key insights, each News bullet's headline and text, each Datasets
 * &amp; Benchmarks TL;DR) as the editor sees and submits them, with the rules they must meet.
 * No Camel or HTTP types: built from an {@link IssueModel} or from submitted fields, checked,
 * then applied to the stored issue.
 *
 * <p>What the editor typed is kept verbatim in the form until it is saved, so a form sent back
 * with errors loses nothing. On saving, one-line fields (title, summary, headlines) have their
 * line breaks turned into spaces (a title is also a mail subject: it must never carry a header
 * line), multi-line fields have their line ends normalised, and every other control character is
 * dropped. Output escaping is the templates' job (Thymeleaf {@code th:text}/{@code th:value}).
 *
 * @param month    the issue's month, yyyy-MM
 * @param base     fingerprint of the stored issue the form was opened on (a later save on a
 *                 changed issue is refused instead of silently overwriting someone's correction)
 * @param title    the issue title
 * @param summary  the one-line summary
 * @param intro    the intro, paragraphs separated by a blank line
 * @param research one per Research entry, in order
 * @param news     one per News bullet, in order
 * @param datasets one per Datasets &amp; Benchmarks line, in order
 */
record CorrectionForm(String month, String base, String title, String summary, String intro, List<Research> research,
        List<News> news, List<Dataset> datasets) {

    static final int MAX_TITLE = 200;
    static final int MAX_SUMMARY = 1000;
    static final int MAX_HEADLINE = 1000;
    static final int MAX_TEXT = 20_000;

    /** A Research entry: its number and title (shown, not edited) and its two notes. */
    record Research(int number, String title, String url, String why, String insights) {
        public String whyField() {
            return "research-" + number + "-why";
        }

        public String insightsField() {
            return "research-" + number + "-insights";
        }
    }

    /** A News bullet: its link (shown, not edited), headline and text. */
    record News(int number, String url, String headline, String text) {
        public String headlineField() {
            return "news-" + number + "-headline";
        }

        public String textField() {
            return "news-" + number + "-text";
        }
    }

    /** A Datasets &amp; Benchmarks line: its title (shown, not edited) and TL;DR. */
    record Dataset(int number, String title, String url, String tldr) {
        public String tldrField() {
            return "datasets-" + number + "-tldr";
        }
    }

    /** One broken rule: the form field it concerns and a message an editor understands. */
    record Problem(String field, String message) {}

    /** The form filled from the stored issue. */
    static CorrectionForm of(IssueModel issue) {
        List<Research> research = new ArrayList<>();
        for (IssueModel.ResearchEntry r : issue.research()) {
            research.add(new Research(research.size() + 1, r.title(), r.url(), join(r.why()), join(r.keyInsights())));
        }
        List<News> news = new ArrayList<>();
        for (IssueModel.NewsEntry n : issue.news()) {
            news.add(new News(news.size() + 1, n.url(), n.headline(), n.text()));
        }
        List<Dataset> datasets = new ArrayList<>();
        for (IssueModel.DatasetEntry d : issue.datasets()) {
            datasets.add(new Dataset(datasets.size() + 1, d.title(), d.url(), d.tldr()));
        }
        return new CorrectionForm(issue.month(), fingerprint(issue), issue.title(), issue.summary(), join(issue.intro()),
                research, news, datasets);
    }

    /**
     * The form as submitted, laid over the stored issue: a field the request does not carry keeps
     * the stored text; the entries (how many, their titles and links) are always the stored ones.
     *
     * @param field the submitted value of a form field, or null when absent
     */
    static CorrectionForm submitted(IssueModel stored, Function<String, String> field) {
        CorrectionForm s = of(stored);
        List<Research> research = s.research.stream().map(r -> new Research(r.number(), r.title(), r.url(),
                or(field.apply(r.whyField()), r.why()), or(field.apply(r.insightsField()), r.insights()))).toList();
        List<News> news = s.news.stream().map(n -> new News(n.number(), n.url(),
                or(field.apply(n.headlineField()), n.headline()), or(field.apply(n.textField()), n.text()))).toList();
        List<Dataset> datasets = s.datasets.stream().map(d -> new Dataset(d.number(), d.title(), d.url(),
                or(field.apply(d.tldrField()), d.tldr()))).toList();
        return new CorrectionForm(s.month, or(field.apply("base"), ""), or(field.apply("title"), s.title),
                or(field.apply("summary"), s.summary), or(field.apply("intro"), s.intro), research, news, datasets);
    }

    /** Every rule the form breaks, in the order of the form; empty when it can be saved. */
    List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        String t = oneLine(title);
        if (t.isEmpty()) {
            p.add(new Problem("title", "Title: write a title."));
        }
        cap(p, "title", "Title", t, MAX_TITLE);
        cap(p, "summary", "Summary", oneLine(summary), MAX_SUMMARY);
        cap(p, "intro", "Intro", multiLine(intro), MAX_TEXT);
        for (Research r : research) {
            String label = "Research " + r.number();
            cap(p, r.whyField(), label + " \u00b7 \u2753 Why", multiLine(r.why()), MAX_TEXT);
            cap(p, r.insightsField(), label + " \u00b7 \ud83d\udca1 Key insights", multiLine(r.insights()), MAX_TEXT);
        }
        for (News n : news) {
            String h = oneLine(n.headline());
            if (h.isEmpty()) {
                p.add(new Problem(n.headlineField(), "News " + n.number() + " \u00b7 Headline: write a headline."));
            }
            cap(p, n.headlineField(), "News " + n.number() + " \u00b7 Headline", h, MAX_HEADLINE);
            cap(p, n.textField(), "News " + n.number() + " \u00b7 Text", multiLine(n.text()), MAX_TEXT);
        }
        for (Dataset d : datasets) {
            cap(p, d.tldrField(), "Datasets " + d.number() + " \u00b7 TL;DR", multiLine(d.tldr()), MAX_TEXT);
        }
        return p;
    }

    /** The fields with a problem, for marking them in the form. */
    Map<String, String> problemsByField() {
        Map<String, String> m = new LinkedHashMap<>();
        problems().forEach(p -> m.putIfAbsent(p.field(), p.message()));
        return m;
    }

    /**
     * The stored issue with this form's texts (call only when {@link #problems()} is empty).
     * Entries are matched by position; everything not on the form (links, authors, related works,
     * publication time, topic trend) is kept. The References are worked out again from the corrected notes'
     * citations ({@link Citations}); the stored references no note cited (the papers') stay after them.
     */
    IssueModel applyTo(IssueModel stored) {
        if (stored.research().size() != research.size() || stored.news().size() != news.size()
                || stored.datasets().size() != datasets.size()) {
            throw new IllegalArgumentException("the form does not match the issue's entries");
        }
        List<IssueModel.ResearchEntry> r = new ArrayList<>();
        for (int i = 0; i < research.size(); i++) {
            IssueModel.ResearchEntry e = stored.research().get(i);
            Research f = research.get(i);
            r.add(new IssueModel.ResearchEntry(e.number(), e.title(), e.url(), e.codeUrl(), e.projectUrl(), e.authors(),
                    paragraphs(f.why()), paragraphs(f.insights()), e.related()));
        }
        List<IssueModel.NewsEntry> n = new ArrayList<>();
        for (int i = 0; i < news.size(); i++) {
            n.add(new IssueModel.NewsEntry(oneLine(news.get(i).headline()), stored.news().get(i).url(),
                    multiLine(news.get(i).text())));
        }
        List<IssueModel.DatasetEntry> d = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            IssueModel.DatasetEntry e = stored.datasets().get(i);
            d.add(new IssueModel.DatasetEntry(e.title(), e.url(), multiLine(datasets.get(i).tldr())));
        }
        IssueModel edited = new IssueModel(stored.newsletterName(), stored.month(), stored.monthLabel(), oneLine(title),
                oneLine(summary), paragraphs(intro), n, r, d, stored.references(), stored.links(), stored.publishedAt())
                .withTopicTrend(stored.topicTrend());
        // the References follow the corrected notes: cited works renumbered in order of first
        // appearance (new [[...]] citations included), then the stored references no note cited
        return Citations.withReferences(edited, Citations.uncited(stored));
    }

    /** A short fingerprint of an issue's stored content (hex of the first 16 bytes of its JSON's SHA-256). */
    static String fingerprint(IssueModel issue) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(IssueJson.write(issue).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line: every line break (also U+2028/U+2029) becomes a space, other control characters go. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").replaceAll("\\p{Cc}", "").strip();
    }

    /** Several lines: line ends become \n, control characters other than \n and \t go. */
    static String multiLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\r\n", "\n").replaceAll("[\\r\\u0085\\u2028\\u2029]", "\n")
                .replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
    }

    /** Paragraphs split at blank lines, the lines within a paragraph joined by a space (as on publishing). */
    static List<String> paragraphs(String text) {
        String t = multiLine(text);
        if (t.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(t.split("\\n\\s*\\n")).map(s -> s.strip().replaceAll("\\s*\\n\\s*", " "))
                .filter(s -> !s.isEmpty()).toList();
    }

    private static String join(List<String> paragraphs) {
        return paragraphs == null ? "" : String.join("\n\n", paragraphs);
    }

    private static void cap(List<Problem> p, String field, String label, String cleaned, int max) {
        int length = cleaned.codePointCount(0, cleaned.length());
        if (length > max) {
            p.add(new Problem(field, String.format(java.util.Locale.ENGLISH,
                    "%s: %,d characters, more than the %,d allowed. Shorten it and save again.", label, length, max)));
        }
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback == null ? "" : fallback;
    }
}
