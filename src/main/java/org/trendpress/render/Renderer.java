package org.trendpress.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders Issues and every other page or mail of Trendpress from the Thymeleaf templates in a
 * {@code templates/} directory. Owns one {@link TemplateEngine}: files ending in {@code .html}
 * are parsed in HTML mode, files ending in {@code .txt} in TEXT mode. Template names are
 * relative to the templates directory and keep their extension ({@code issue/web.html}).
 *
 * <p>Rendering is deterministic: the same model gives byte-identical output (no clock, no
 * randomness, a fixed English locale, dates in UTC). Model text is always escaped by the
 * templates; links must be http(s), mailto or relative, anything else is refused with a
 * {@link RenderException} before rendering.
 *
 * <p>Every template also sees the variable {@code fmt} ({@link TemplateFormats}); the issue
 * templates also see {@code cites} ({@link Citations.Marks}), which turns the citations in notes
 * into footnote marks pointing at the References.
 *
 * <p>Thread-safe once constructed; create one per application.
 */
public final class Renderer {

    /**
     * The issue's web page. Variables: {@code issue}, {@code publishedLabel} ("2 November 2026")
     * and {@code publishedDate} ("2026-11-02"), both UTC and null when unpublished.
     */
    public static final String ISSUE_WEB = "issue/web.html";
    /** The issue's HTML email. Variables as {@link #ISSUE_WEB} plus {@code unsubscribeUrl}. */
    public static final String ISSUE_EMAIL_HTML = "issue/email.html";
    /** The issue's plain-text email. Variables as {@link #ISSUE_EMAIL_HTML}. */
    public static final String ISSUE_EMAIL_TEXT = "issue/email.txt";
    /** The archive index. Variables: {@code newsletterName}, {@code entries}, {@code feedUrl}, {@code feeds}. */
    public static final String ISSUE_ARCHIVE = "issue/archive.html";
    /** Fragments shared by the issue's HTML templates (the research entry, the footer links). */
    public static final String ISSUE_FRAGMENTS = "issue/fragments.html";

    /** Every template this class names; the repository test checks that each file exists. */
    public static final List<String> TEMPLATES =
            List.of(ISSUE_WEB, ISSUE_EMAIL_HTML, ISSUE_EMAIL_TEXT, ISSUE_ARCHIVE, ISSUE_FRAGMENTS);

    private static final DateTimeFormatter PUBLISHED =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private static final Set<String> RESERVED = Set.of("fmt");

    private final TemplateEngine engine;
    private final TemplateFormats formats = new TemplateFormats();

    /**
     * @param templatesDir the {@code templates/} directory; must exist
     * @throws IllegalArgumentException if it is not a directory
     */
    public Renderer(Path templatesDir) {
        Objects.requireNonNull(templatesDir, "templatesDir");
        if (!Files.isDirectory(templatesDir)) {
            throw new IllegalArgumentException("templates directory not found: " + templatesDir.toAbsolutePath());
        }
        String prefix = templatesDir.toAbsolutePath().normalize() + "/";
        engine = new TemplateEngine();
        engine.addTemplateResolver(resolver(prefix, TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(prefix, TemplateMode.TEXT, "*.txt", 2));
    }

    private static FileTemplateResolver resolver(String prefix, TemplateMode mode, String pattern, int order) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(prefix);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /**
     * Renders the Issue's web page ({@link #ISSUE_WEB}); its chart, if any, is
     * {@link TopicChart#FILE_NAME} beside it, so the page works as a static file.
     */
    public String webPage(IssueModel issue) {
        Map<String, Object> vars = issueVars(ISSUE_WEB, issue);
        vars.put("chartSrc", TopicChart.FILE_NAME);
        vars.put("feeds", FeedLinks.beside(issue.links().feedUrl()));
        return html(ISSUE_WEB, vars);
    }

    /**
     * Renders the Issue's HTML email ({@link #ISSUE_EMAIL_HTML}) with its CSS inlined by
     * {@link CssInliner}; the chart, if any, is the inline part {@code cid:topics}.
     *
     * @param unsubscribeUrl the one-click unsubscribe link of the receiving Subscriber
     */
    public String emailHtml(IssueModel issue, String unsubscribeUrl) {
        return emailHtml(issue, unsubscribeUrl, "cid:" + TopicChart.CONTENT_ID);
    }

    /**
     * As {@link #emailHtml(IssueModel, String)} with the chart at {@code chartSrc}: the archive's
     * preview beside the web page uses {@link TopicChart#FILE_NAME}.
     */
    public String emailHtml(IssueModel issue, String unsubscribeUrl, String chartSrc) {
        if (!("cid:" + TopicChart.CONTENT_ID).equals(chartSrc)) {
            requireLink(ISSUE_EMAIL_HTML, "chartSrc", chartSrc);
        }
        Map<String, Object> vars = emailVars(ISSUE_EMAIL_HTML, issue, unsubscribeUrl);
        vars.put("chartSrc", chartSrc);
        String html = html(ISSUE_EMAIL_HTML, vars);
        try {
            return CssInliner.inline(html);
        } catch (IllegalArgumentException e) {
            throw new RenderException(ISSUE_EMAIL_HTML, "CSS inlining failed: " + e.getMessage(), e);
        }
    }

    /**
     * Renders the Issue's plain-text email ({@link #ISSUE_EMAIL_TEXT}): wrapped at 72 columns,
     * links marked [n] and listed at the end.
     *
     * @param unsubscribeUrl the one-click unsubscribe link of the receiving Subscriber
     */
    public String emailText(IssueModel issue, String unsubscribeUrl) {
        Map<String, Object> vars = emailVars(ISSUE_EMAIL_TEXT, issue, unsubscribeUrl);
        vars.put("textLinks", new TextLinks());
        return text(ISSUE_EMAIL_TEXT, vars);
    }

    /**
     * The Issue's topic-trend chart as PNG bytes ({@link TopicChart}).
     *
     * @throws RenderException if the issue has no chart to draw
     */
    public byte[] chartPng(IssueModel issue) {
        if (!issue.hasChart()) {
            throw new RenderException(TopicChart.FILE_NAME, "issue " + issue.month() + " has no topic trend to draw");
        }
        return TopicChart.png(issue.topicTrend());
    }

    /**
     * Renders the archive index ({@link #ISSUE_ARCHIVE}).
     *
     * @param newsletterName e.g. "Trends in AI"
     * @param entries        the published Issues, in the order to list them (newest first)
     * @param feedUrl        the archive feed's URL
     */
    public String archiveIndex(String newsletterName, List<ArchiveEntry> entries, String feedUrl) {
        requireLink(ISSUE_ARCHIVE, "feedUrl", feedUrl);
        List<ArchiveEntry> list = entries == null ? List.of() : List.copyOf(entries);
        for (ArchiveEntry entry : list) {
            requireLink(ISSUE_ARCHIVE, "archive entry " + entry.month() + " href", entry.href());
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("newsletterName", newsletterName);
        vars.put("entries", list);
        vars.put("feedUrl", feedUrl);
        vars.put("feeds", FeedLinks.beside(feedUrl));
        return html(ISSUE_ARCHIVE, vars);
    }

    /**
     * Renders any HTML-mode template.
     *
     * @param template name relative to {@code templates/}, e.g. {@code web/editor.html}
     * @param vars     the template's variables; {@code fmt} is added
     * @throws RenderException if the template is missing or fails
     */
    public String html(String template, Map<String, Object> vars) {
        return process(template, ".html", vars);
    }

    /**
     * Renders any TEXT-mode template. Text-mode output is not escaped: use it for plain text
     * only (mail bodies), never to build HTML.
     *
     * @param template name relative to {@code templates/}, e.g. {@code mail/confirm.txt}
     * @param vars     the template's variables; {@code fmt} is added
     * @throws RenderException if the template is missing or fails
     */
    public String text(String template, Map<String, Object> vars) {
        return process(template, ".txt", vars);
    }

    private String process(String template, String extension, Map<String, Object> vars) {
        Objects.requireNonNull(template, "template");
        if (!template.endsWith(extension)) {
            throw new RenderException(template, "expected a template name ending in " + extension);
        }
        Map<String, Object> all = new HashMap<>();
        if (vars != null) {
            for (String key : vars.keySet()) {
                if (RESERVED.contains(key)) {
                    throw new RenderException(template, "variable name is reserved: " + key);
                }
            }
            all.putAll(vars);
        }
        all.put("fmt", formats);
        try {
            return engine.process(template, new Context(Locale.ENGLISH, all));
        } catch (TemplateEngineException e) {
            throw new RenderException(template, String.valueOf(e.getMessage()), e);
        }
    }

    private Map<String, Object> issueVars(String template, IssueModel issue) {
        Objects.requireNonNull(issue, "issue");
        checkLinks(template, issue);
        Map<String, Object> vars = new HashMap<>();
        vars.put("issue", issue);
        vars.put("cites", new Citations.Marks(issue.references()));
        vars.put("publishedLabel", issue.publishedAt() == null ? null : PUBLISHED.format(issue.publishedAt()));
        vars.put("publishedDate", issue.publishedAt() == null ? null : ISO_DATE.format(issue.publishedAt()));
        return vars;
    }

    private Map<String, Object> emailVars(String template, IssueModel issue, String unsubscribeUrl) {
        requireLink(template, "unsubscribeUrl", unsubscribeUrl);
        Map<String, Object> vars = issueVars(template, issue);
        vars.put("unsubscribeUrl", unsubscribeUrl);
        return vars;
    }

    /** Refuses an Issue whose links could run script or are missing where the footer needs them. */
    private static void checkLinks(String template, IssueModel issue) {
        if (issue.links() == null) {
            throw new RenderException(template, "issue " + issue.month() + " has no links");
        }
        requireLink(template, "links.webUrl", issue.links().webUrl());
        requireLink(template, "links.archiveUrl", issue.links().archiveUrl());
        requireLink(template, "links.feedUrl", issue.links().feedUrl());
        requireLink(template, "links.subscribeUrl", issue.links().subscribeUrl());
        for (IssueModel.NewsEntry n : nonNull(issue.news())) {
            optionalLink(template, "news url", n.url());
        }
        for (IssueModel.ResearchEntry r : nonNull(issue.research())) {
            String where = "research " + r.number();
            optionalLink(template, where + " url", r.url());
            optionalLink(template, where + " codeUrl", r.codeUrl());
            optionalLink(template, where + " projectUrl", r.projectUrl());
            for (IssueModel.RelatedWork w : nonNull(r.related())) {
                optionalLink(template, where + " related url", w.url());
            }
        }
        for (IssueModel.DatasetEntry d : nonNull(issue.datasets())) {
            optionalLink(template, "dataset url", d.url());
        }
        for (IssueModel.Reference ref : nonNull(issue.references())) {
            optionalLink(template, "reference " + ref.number() + " url", ref.url());
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void requireLink(String template, String what, String url) {
        if (url == null || url.isBlank()) {
            throw new RenderException(template, what + " is missing");
        }
        optionalLink(template, what, url);
    }

    private static void optionalLink(String template, String what, String url) {
        if (url != null && !isSafeLink(url)) {
            throw new RenderException(template, what + " is not an http(s), mailto or relative link: " + url);
        }
    }

    /** http, https and mailto links, and relative links (no scheme at all). */
    static boolean isSafeLink(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("http://") || u.startsWith("https://") || u.startsWith("mailto:")) {
            return true;
        }
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return true;
            }
            if (c == ':' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
