package org.trendpress.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An Issue's email rendered once and personalised per recipient by substitution: the HTML and
 * text bodies are rendered (and the HTML's CSS inlined) with a marker in place of the
 * unsubscribe link, cut at the markers, and joined again around each recipient's own link. A
 * hundred thousand recipients cost one rendering plus string joins, and every message is
 * byte-identical to rendering it for that recipient directly (a test holds this).
 *
 * <p>Immutable and thread-safe once built.
 */
public final class IssueMailTemplate {

    /** Stands for the recipient's unsubscribe link while rendering; a reserved (.invalid) host. */
    static final String MARKER = "https://recipient.invalid/unsubscribe-link";

    private final IssueModel issue;
    private final String[] htmlParts;
    private final String[] textParts;
    private final int htmlLength;
    private final int textLength;
    private final byte[] chart;

    private IssueMailTemplate(IssueModel issue, String html, String text, byte[] chart) {
        this.issue = issue;
        this.htmlParts = split(html);
        this.textParts = split(text);
        this.htmlLength = html.length();
        this.textLength = text.length();
        this.chart = chart;
    }

    /** Renders {@code issue}'s HTML and text email once, with the chart if it has one. */
    public static IssueMailTemplate of(Renderer renderer, IssueModel issue) {
        Objects.requireNonNull(issue, "issue");
        String html = renderer.emailHtml(issue, MARKER);
        String text = renderer.emailText(issue, MARKER);
        return new IssueMailTemplate(issue, html, text, issue.hasChart() ? renderer.chartPng(issue) : null);
    }

    public IssueModel issue() {
        return issue;
    }

    /** The HTML body for the recipient whose unsubscribe link is {@code unsubscribeUrl}. */
    public String html(String unsubscribeUrl) {
        return join(htmlParts, htmlLength, escapeHtml(check(unsubscribeUrl)));
    }

    /** The text body for the recipient whose unsubscribe link is {@code unsubscribeUrl}. */
    public String text(String unsubscribeUrl) {
        return join(textParts, textLength, check(unsubscribeUrl));
    }

    /** The chart's PNG bytes (Content-ID {@link TopicChart#CONTENT_ID}), or null without a chart. Do not modify. */
    public byte[] chartPng() {
        return chart;
    }

    private static String check(String url) {
        if (url == null || !Renderer.isSafeLink(url) || url.isBlank()) {
            throw new RenderException(Renderer.ISSUE_EMAIL_HTML, "unsubscribeUrl is not an http(s), mailto or relative link: " + url);
        }
        return url;
    }

    private static String[] split(String rendered) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = rendered.indexOf(MARKER, from)) >= 0) {
            parts.add(rendered.substring(from, at));
            from = at + MARKER.length();
        }
        parts.add(rendered.substring(from));
        if (parts.size() < 2) {
            throw new RenderException(Renderer.ISSUE_EMAIL_HTML, "the email shows no unsubscribe link");
        }
        return parts.toArray(String[]::new);
    }

    private static String join(String[] parts, int renderedLength, String value) {
        int n = parts.length - 1;
        StringBuilder sb = new StringBuilder(renderedLength + n * (value.length() - MARKER.length()) + 16);
        sb.append(parts[0]);
        for (int i = 1; i <= n; i++) {
            sb.append(value).append(parts[i]);
        }
        return sb.toString();
    }

    /** As jsoup writes an attribute value: {@code &} and {@code "} escaped ({@code <}, {@code >} too, to be safe in text). */
    static String escapeHtml(String s) {
        if (s.indexOf('&') < 0 && s.indexOf('"') < 0 && s.indexOf('<') < 0 && s.indexOf('>') < 0) {
            return s;
        }
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
