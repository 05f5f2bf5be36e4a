package org.trendpress.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.publish.PublishException;
import org.trendpress.publish.Publisher;
import org.trendpress.render.IssueModel;
import org.trendpress.render.Renderer;

/**
 * Corrections of published Issues in the editor's workspace: {@code /editor/issues} lists them,
 * {@code /editor/issues/<yyyy-mm>} shows one's texts in a form, and a POST there saves them
 * through {@link Publisher#correct}, which re-renders the web page and the archive feeds with an
 * updated time and never mails anyone. A form with problems comes back with the editor's text
 * and every problem listed (422); a form opened on a version someone has corrected since comes
 * back the same way (409) instead of overwriting that correction. Sign-in, the CSRF token and
 * the Origin check are {@link EditorPages}' job, done before a request reaches here.
 */
final class CorrectionPages {

    private static final Logger LOG = LoggerFactory.getLogger(CorrectionPages.class);
    static final String ISSUES_TEMPLATE = "web/editor-issues.html";
    static final String ISSUE_TEMPLATE = "web/editor-issue.html";
    static final Pattern ISSUE_PATH = Pattern.compile("^/editor/issues/(\\d{4}-\\d{2})/?$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Publisher publisher;
    private final Renderer renderer;
    private final Supplier<String> csrf;
    private final String editor;

    CorrectionPages(Publisher publisher, Renderer renderer, Supplier<String> csrf, String editor) {
        this.publisher = publisher;
        this.renderer = renderer;
        this.csrf = csrf;
        this.editor = editor;
    }

    /** Whether {@code path} is one of these pages. */
    static boolean handles(String path) {
        return path.equals("/editor/issues") || path.equals("/editor/issues/") || path.startsWith("/editor/issues/");
    }

    WebResponse handle(WebRequest req) {
        String path = req.path();
        if (path.equals("/editor/issues") || path.equals("/editor/issues/")) {
            return req.isPost() ? WebResponse.text(405, "Open an issue to correct it.\n") : list();
        }
        Matcher m = ISSUE_PATH.matcher(path);
        if (!m.matches()) {
            return WebResponse.text(404, "No such page.\n");
        }
        String month = m.group(1);
        Publisher.Stored stored = publisher.issue(month).orElse(null);
        if (stored == null) {
            return WebResponse.text(404, "No published issue for " + month + ".\n");
        }
        if (!req.isPost()) {
            String notice = "1".equals(req.param("saved"))
                    ? "Saved. The web page, the archive index and the archive feeds show the correction, updated "
                            + TIME.format(stored.updatedAt()) + ". No mail was sent."
                    : "1".equals(req.param("unchanged")) ? "Nothing had changed, so nothing was saved." : null;
            return show(CorrectionForm.of(stored.issue()), stored, List.of(), null, notice, 200);
        }
        return save(req, stored);
    }

    private WebResponse save(WebRequest req, Publisher.Stored stored) {
        CorrectionForm form = CorrectionForm.submitted(stored.issue(), req::param);
        List<CorrectionForm.Problem> problems = form.problems();
        if (!problems.isEmpty()) {
            LOG.info("web.editor.correction_refused month={} editor={} problems={}", form.month(), editor, problems.size());
            return show(form, stored, problems, null, null, 422);
        }
        AtomicBoolean changed = new AtomicBoolean();
        try {
            publisher.correct(form.month(), original -> {
                if (!CorrectionForm.fingerprint(original).equals(form.base())) {
                    throw new StaleForm();
                }
                IssueModel corrected = form.applyTo(original);
                changed.set(!corrected.equals(original));
                return corrected;
            });
        } catch (StaleForm e) {
            Publisher.Stored now = publisher.issue(form.month()).orElse(stored);
            // the editor's text stays in the form; saving again (with the new fingerprint) overwrites knowingly
            CorrectionForm again = new CorrectionForm(form.month(), CorrectionForm.fingerprint(now.issue()), form.title(),
                    form.summary(), form.intro(), form.research(), form.news(), form.datasets());
            LOG.info("web.editor.correction_stale month={} editor={}", form.month(), editor);
            return show(again, now, List.of(), "This issue was corrected by someone else (at "
                    + TIME.format(now.updatedAt()) + ") after you opened it. Your text is still in the form below; "
                    + "check the published page, then save again to replace that correction with yours.", null, 409);
        } catch (PublishException e) {
            return WebResponse.text(404, e.getMessage() + "\n");
        }
        LOG.info("web.editor.issue_corrected month={} editor={} changed={}", form.month(), editor, changed.get());
        return WebResponse.redirect("/editor/issues/" + form.month() + (changed.get() ? "?saved=1" : "?unchanged=1"));
    }

    private WebResponse list() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("issues", publisher.issues().stream().map(s -> new Row(s.issue().month(), s.issue().title(),
                s.issue().summary(), TIME.format(s.issue().publishedAt()),
                s.updatedAt().isAfter(s.issue().publishedAt()) ? TIME.format(s.updatedAt()) : null,
                s.issue().links().webUrl())).toList());
        return WebResponse.html(200, renderer.html(ISSUES_TEMPLATE, vars));
    }

    /** One line of the list of published issues. */
    record Row(String month, String title, String summary, String published, String corrected, String webUrl) {}

    private WebResponse show(CorrectionForm form, Publisher.Stored stored, List<CorrectionForm.Problem> problems,
            String error, String notice, int status) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("form", form);
        vars.put("problems", problems);
        vars.put("invalid", form.problemsByField());
        vars.put("error", error);
        vars.put("notice", notice);
        vars.put("csrf", csrf.get());
        vars.put("published", TIME.format(stored.issue().publishedAt()));
        Instant updated = stored.updatedAt();
        vars.put("corrected", updated.isAfter(stored.issue().publishedAt()) ? TIME.format(updated) : null);
        vars.put("webUrl", stored.issue().links().webUrl());
        vars.put("maxTitle", CorrectionForm.MAX_TITLE);
        vars.put("maxSummary", CorrectionForm.MAX_SUMMARY);
        vars.put("maxHeadline", CorrectionForm.MAX_HEADLINE);
        return WebResponse.html(status, renderer.html(ISSUE_TEMPLATE, vars));
    }

    /** Thrown inside the correction when the stored issue is no longer the one the form was opened on. */
    private static final class StaleForm extends RuntimeException {
        StaleForm() {
            super("the issue changed since the form was opened", null, false, false);
        }
    }
}
