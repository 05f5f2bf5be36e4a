package org.trendpress.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.Topic;
import org.trendpress.curate.Candidate;
import org.trendpress.curate.CurateException;
import org.trendpress.curate.Draft;
import org.trendpress.curate.Drafts;
import org.trendpress.ingest.IngestException;
import org.trendpress.ingest.SourceStore;
import org.trendpress.ingest.Submissions;
import org.trendpress.publish.Publisher;
import org.trendpress.render.Renderer;

/**
 * The editor's workspace (minimal): list drafts, open a month, select candidates, write the
 * summary, intro and notes, change a paper's related works, correct a candidate's kind or a
 * paper's topics, approve with a publish time, reopen; correct a published issue's texts
 * ({@link CorrectionPages}). Every page needs HTTP Basic
 * credentials; every POST needs the CSRF token of the signed-in editor and, when the browser sends
 * one, a same-origin Origin header.
 */
final class EditorPages {

    private static final Logger LOG = LoggerFactory.getLogger(EditorPages.class);
    static final String DRAFTS_TEMPLATE = "web/editor-drafts.html";
    static final String DRAFT_TEMPLATE = "web/editor-draft.html";
    static final String SOURCES_TEMPLATE = "web/editor-sources.html";
    private static final Pattern DRAFT_PATH = Pattern.compile("^/editor/drafts/(\\d{4}-\\d{2})(/[a-z]+(?:-[a-z]+)?)?/?$");
    private static final Pattern SOURCE_PATH = Pattern.compile("^/editor/sources/([a-z0-9][a-z0-9-]{0,99})/(pause|resume)$");

    private final Drafts drafts;
    private final SourceStore sources;
    private final Submissions submissions;
    private final Renderer renderer;
    private final String user;
    private final String password;
    private final byte[] secret;
    private final String baseUrl;
    private final Clock clock;
    private final CorrectionPages corrections;

    EditorPages(Drafts drafts, SourceStore sources, Submissions submissions, Publisher publisher, Renderer renderer, String user,
            String password, byte[] secret, String baseUrl, Clock clock) {
        this.drafts = drafts;
        this.sources = sources;
        this.submissions = submissions;
        this.renderer = renderer;
        this.user = user;
        this.password = password;
        this.secret = secret.clone();
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.corrections = new CorrectionPages(publisher, renderer, this::csrfToken, user);
    }

    WebResponse handle(WebRequest req) {
        // the editor's pages show unpublished work: no shared or browser cache keeps them
        return page(req).withHeader("Cache-Control", "no-store");
    }

    private WebResponse page(WebRequest req) {
        if (!authenticated(req.header("authorization"))) {
            return WebResponse.text(401, "Sign in as an editor.\n")
                    .withHeader("WWW-Authenticate", "Basic realm=\"Trendpress editors\", charset=\"UTF-8\"");
        }
        if (req.isPost()) {
            if (!sameOrigin(req) || !MessageDigest.isEqual(csrfToken().getBytes(StandardCharsets.UTF_8),
                    String.valueOf(req.param("csrf")).getBytes(StandardCharsets.UTF_8))) {
                LOG.warn("web.editor.csrf_rejected path={}", req.path());
                return WebResponse.text(403, "This form has expired or did not come from this site. Reload and retry.\n");
            }
        }
        try {
            String path = req.path();
            if (CorrectionPages.handles(path)) {
                return corrections.handle(req);
            }
            if (path.equals("/editor") || path.equals("/editor/")) {
                return req.isPost() ? openDraft(req) : listDrafts(null);
            }
            if (path.equals("/editor/sources") || path.equals("/editor/sources/")) {
                return req.isPost() ? WebResponse.text(405, "Use a source's form.\n") : listSources(null, null);
            }
            if (path.equals("/editor/sources/submit")) {
                return req.isPost() ? submit(req.param("url")) : WebResponse.text(405, "Use the form.\n");
            }
            Matcher s = SOURCE_PATH.matcher(path);
            if (s.matches()) {
                return req.isPost() ? actOnSource(s.group(1), s.group(2), req) : WebResponse.text(405, "Use the form.\n");
            }
            Matcher m = DRAFT_PATH.matcher(path);
            if (!m.matches()) {
                return WebResponse.text(404, "No such page.\n");
            }
            Draft draft = drafts.byMonth(m.group(1)).orElse(null);
            if (draft == null) {
                return WebResponse.text(404, "No draft for " + m.group(1) + ".\n");
            }
            String action = m.group(2) == null ? "" : m.group(2).substring(1);
            if (!req.isPost()) {
                return action.isEmpty() ? showDraft(draft, null) : WebResponse.text(405, "Use the form.\n");
            }
            return act(draft, action, req);
        } catch (CurateException e) {
            return listOrDraft(req, e.getMessage());
        }
    }

    private WebResponse act(Draft draft, String action, WebRequest req) {
        long id = draft.id();
        switch (action) {
            case "select" -> drafts.select(id, longParam(req, "candidate"), req.param("slot"));
            case "unselect" -> drafts.unselect(id, longParam(req, "candidate"));
            case "notes" -> drafts.writeNotes(id, longParam(req, "candidate"), req.param("headline"),
                    req.param("why"), req.param("insights"));
            case "intro" -> drafts.writeIntro(id, req.param("summary"), req.param("intro"));
            case "approve" -> drafts.approve(id, publishTime(req.param("publish_at")), user);
            case "reopen" -> drafts.reopen(id);
            case "kind" -> drafts.correctKind(id, longParam(req, "candidate"), req.param("kind"), user);
            case "topics" -> drafts.correctTopics(id, longParam(req, "candidate"),
                    req.form().getOrDefault("topic", List.of()), user);
            case "related-add" -> drafts.addRelated(id, longParam(req, "candidate"), req.param("ref"), user);
            case "related-remove" -> drafts.removeRelated(id, longParam(req, "candidate"), longParam(req, "paper"));
            default -> {
                return WebResponse.text(404, "No such action.\n");
            }
        }
        return WebResponse.redirect("/editor/drafts/" + draft.month());
    }

    private WebResponse openDraft(WebRequest req) {
        String month = req.param("month");
        try {
            Draft d = month == null || month.isBlank() ? drafts.openCurrent() : drafts.open(YearMonth.parse(month));
            return WebResponse.redirect("/editor/drafts/" + d.month());
        } catch (DateTimeParseException e) {
            return listDrafts("Month must look like 2026-10.");
        }
    }

    private WebResponse actOnSource(String id, String action, WebRequest req) {
        boolean known = action.equals("pause")
                ? sources.pause(id, "paused by " + user + reasonSuffix(req.param("reason")), clock.instant())
                : sources.resume(id);
        if (!known) {
            return listSources("No source '" + id + "'.", null).withStatus(404);
        }
        LOG.info("web.editor.source_{} source={} editor={}", action.equals("pause") ? "paused" : "resumed", id, user);
        return WebResponse.redirect("/editor/sources");
    }

    private static String reasonSuffix(String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        String oneLine = reason.replaceAll("\\p{Cntrl}", " ").strip();
        return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) : oneLine);
    }

    private WebResponse submit(String url) {
        try {
            Submissions.Submitted s = submissions.submit(url, user);
            return listSources(null, (s.added() ? "Added" : "Already known") + ": \u201c" + s.title() + "\u201d as "
                    + s.kind() + " (" + s.reason() + "). Refresh a draft to see it among the candidates.");
        } catch (IngestException e) {
            return listSources("Could not add that link: " + e.getMessage(), null).withStatus(422);
        }
    }

    private WebResponse listSources(String error, String notice) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("notice", notice);
        vars.put("sources", sources.health());
        vars.put("csrf", csrfToken());
        vars.put("error", error);
        return WebResponse.html(200, renderer.html(SOURCES_TEMPLATE, vars));
    }

    private WebResponse listOrDraft(WebRequest req, String error) {
        Matcher m = DRAFT_PATH.matcher(req.path());
        if (m.matches()) {
            Draft d = drafts.byMonth(m.group(1)).orElse(null);
            if (d != null) {
                return showDraft(d, error).withStatus(422);
            }
        }
        return listDrafts(error).withStatus(422);
    }

    private WebResponse listDrafts(String error) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("drafts", drafts.all());
        vars.put("csrf", csrfToken());
        vars.put("error", error);
        vars.put("currentMonth", YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString());
        return WebResponse.html(200, renderer.html(DRAFTS_TEMPLATE, vars));
    }

    private WebResponse showDraft(Draft draft, String error) {
        List<Candidate> candidates = drafts.candidates(draft.id());
        Map<String, Object> vars = new HashMap<>();
        vars.put("draft", draft);
        vars.put("selected", candidates.stream().filter(Candidate::selected).toList());
        vars.put("research", candidates.stream().filter(c -> !c.selected() && c.kind().equals("research")).toList());
        vars.put("news", candidates.stream().filter(c -> !c.selected() && c.kind().equals("news")).toList());
        vars.put("topicChoices", List.of(Topic.values()));
        vars.put("kinds", List.of("news", "research", "other"));
        vars.put("csrf", csrfToken());
        vars.put("error", error);
        vars.put("previewUrl", baseUrl + "/issues/" + draft.month() + "/");
        return WebResponse.html(200, renderer.html(DRAFT_TEMPLATE, vars));
    }

    private static long longParam(WebRequest req, String name) {
        try {
            return Long.parseLong(String.valueOf(req.param(name)));
        } catch (NumberFormatException e) {
            throw new HttpBridge.BadRequest("parameter '" + name + "' must be a number");
        }
    }

    /** A datetime-local value ("2026-11-01T09:00"), read as UTC. */
    private static Instant publishTime(String value) {
        if (value == null || value.isBlank()) {
            throw new CurateException("choose a publish time");
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CurateException("publish time must look like 2026-11-01T09:00 (UTC)");
        }
    }

    boolean authenticated(String authorization) {
        if (password == null || password.isEmpty() || authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        boolean passOk = MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return userOk & passOk;
    }

    /** The signed-in editor's CSRF token: an HMAC of the user name under the app secret. */
    String csrfToken() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal(("csrf:" + user).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameOrigin(WebRequest req) {
        String origin = req.header("origin");
        String host = req.header("host");
        if (origin == null || origin.equals("null") && host == null) {
            return origin == null;
        }
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
