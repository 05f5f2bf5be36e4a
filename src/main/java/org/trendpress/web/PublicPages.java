package org.trendpress.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.audience.InvalidEmailException;
import org.trendpress.audience.Subscriber;
import org.trendpress.audience.Subscribers;
import org.trendpress.dispatch.MailSendException;
import org.trendpress.dispatch.MailSender;
import org.trendpress.dispatch.MailSettings;
import org.trendpress.dispatch.ServiceMail;
import org.trendpress.publish.ArchiveFeed;
import org.trendpress.render.Renderer;

/**
 * The public site: the archive (issue pages and the archive feeds, served from the archive folder
 * with their media types, ETag and Last-Modified, answering conditional GETs with 304), subscribing with double opt-in, confirming and unsubscribing
 * (a page with a button, and RFC 8058 one-click POST).
 */
final class PublicPages {

    private static final Logger LOG = LoggerFactory.getLogger(PublicPages.class);
    static final String PAGE_TEMPLATE = "web/page.html";
    static final String CONFIRM_MAIL_TEMPLATE = "mail/confirm.txt";
    /** RFC 9110's IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"): two-digit day, unlike RFC_1123_DATE_TIME. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private final Path archiveDir;
    private final Subscribers subscribers;
    private final Renderer renderer;
    private final MailSender mailSender;
    private final MailSettings mail;
    private final String baseUrl;
    private final String newsletterName;

    PublicPages(Path archiveDir, Subscribers subscribers, Renderer renderer, MailSender mailSender, MailSettings mail,
            String baseUrl, String newsletterName) {
        this.archiveDir = archiveDir.toAbsolutePath().normalize();
        this.subscribers = subscribers;
        this.renderer = renderer;
        this.mailSender = mailSender;
        this.mail = mail;
        this.baseUrl = baseUrl;
        this.newsletterName = newsletterName;
    }

    WebResponse home(WebRequest req) {
        return WebResponse.redirect("/issues/");
    }

    /** GET or HEAD /issues/... : a file of the archive; folders serve their index.html. */
    WebResponse archive(WebRequest req) {
        String rel = req.path().replaceFirst("^/issues/?", "");
        if (rel.contains("..") || rel.contains("\\") || rel.contains("\0")) {
            return WebResponse.text(404, "No such page.\n");
        }
        Path file = archiveDir.resolve(rel).normalize();
        if (!file.startsWith(archiveDir)) {
            return WebResponse.text(404, "No such page.\n");
        }
        if (Files.isDirectory(file)) {
            if (!req.path().endsWith("/")) {
                return WebResponse.redirect(req.path() + "/");
            }
            file = file.resolve("index.html");
        }
        if (rel.isEmpty() && req.path().endsWith("/") && !Files.isRegularFile(archiveDir.resolve("index.html"))) {
            // nothing published yet: an empty archive, not a 404 (validated by its ETag alone)
            byte[] body = renderer.archiveIndex(newsletterName, java.util.List.of(), baseUrl + "/issues/feed.xml")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String etag = etag(body);
            Map<String, String> headers = WebResponse.securityHeaders();
            headers.put("ETag", etag);
            headers.put("Cache-Control", "public, no-cache");
            if (notModified(req, etag, null)) {
                return new WebResponse(304, WebResponse.HTML, new byte[0], headers);
            }
            return new WebResponse(200, WebResponse.HTML, body, headers);
        }
        if (!Files.isRegularFile(file) || file.getFileName().toString().endsWith(".tmp")) {
            return WebResponse.text(404, "No such page.\n");
        }
        try {
            byte[] body = Files.readAllBytes(file);
            String etag = etag(body);
            Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
            String lastModified = HTTP_DATE.format(modified.atOffset(ZoneOffset.UTC));
            String type = contentType(file.getFileName().toString());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ETag", etag);
            headers.put("Last-Modified", lastModified);
            // caches may keep the archive but must revalidate (a cheap 304): a correction shows at once
            headers.put("Cache-Control", "public, no-cache");
            if (notModified(req, etag, modified)) {
                return new WebResponse(304, type, new byte[0], headers);
            }
            headers.put("X-Content-Type-Options", "nosniff");
            return new WebResponse(200, type, body, headers);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A strong ETag: the first 16 bytes of the body's SHA-256, in hex. */
    static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * RFC 9110 conditional GET (and HEAD): If-None-Match (a list, weak comparison, or *) decides when
     * present; otherwise If-Modified-Since, at one-second precision ({@code modified} null: never).
     */
    static boolean notModified(WebRequest req, String etag, Instant modified) {
        String ifNoneMatch = req.header("if-none-match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.replaceFirst("^W/", "").equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = req.header("if-modified-since");
        if (ifModifiedSince != null && modified != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return !modified.isAfter(since);
            } catch (DateTimeParseException e) {
                return false; // an unreadable date is ignored, as RFC 9110 says
            }
        }
        return false;
    }

    /** Media types of the archive's files; the three archive feeds get their registered types. */
    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case ArchiveFeed.RSS_FILE:
                return ArchiveFeed.RSS_TYPE + "; charset=utf-8";
            case ArchiveFeed.ATOM_FILE:
                return ArchiveFeed.ATOM_TYPE + "; charset=utf-8";
            case ArchiveFeed.JSON_FILE:
                return ArchiveFeed.JSON_TYPE + "; charset=utf-8";
            default:
                break;
        }
        if (n.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".xml")) {
            return "application/xml; charset=utf-8";
        }
        return "text/plain; charset=utf-8";
    }

    /** GET shows the form; POST records a pending subscriber and mails the confirmation link. */
    WebResponse subscribe(WebRequest req) {
        if (!req.isPost()) {
            return page("Subscribe to " + newsletterName, null, true, null);
        }
        String email = req.param("email");
        try {
            Subscriber s = subscribers.subscribe(email == null ? "" : email.strip());
            if ("pending".equalsIgnoreCase(s.state().toString())) {
                Map<String, Object> vars = new HashMap<>();
                vars.put("name", newsletterName);
                vars.put("confirmUrl", baseUrl + "/confirm?token=" + subscribers.confirmToken(s));
                String text = renderer.text(CONFIRM_MAIL_TEMPLATE, vars);
                mailSender.send(ServiceMail.compose(mail, s.email(), "Confirm your subscription to " + newsletterName,
                        text));
            }
        } catch (InvalidEmailException e) {
            return page("Subscribe to " + newsletterName, e.getMessage(), true, null).withStatus(422);
        } catch (MailSendException e) {
            LOG.warn("audience.confirmation.failed error=\"{}\"", e.getMessage());
            return page("Please try again later", "We could not send the confirmation email just now.", false, null)
                    .withStatus(503);
        }
        // same answer whether or not the address was known: the page does not reveal subscribers
        return page("Check your inbox", null, false,
                "If the address can receive mail, a confirmation link is on its way. Click it to start receiving "
                        + newsletterName + ".");
    }

    WebResponse confirm(WebRequest req) {
        Optional<Subscriber> s = subscribers.confirm(String.valueOf(req.param("token")));
        return s.isPresent()
                ? page("You are subscribed", null, false, "Thank you. The next issue of " + newsletterName
                        + " will reach you by email.")
                : page("Link not valid", "This confirmation link is not valid. Subscribe again to get a new one.",
                        false, null).withStatus(400);
    }

    /** GET shows a button (mail scanners follow links); POST unsubscribes, also as RFC 8058 one-click. */
    WebResponse unsubscribe(WebRequest req) {
        String token = req.param("token");
        if (!req.isPost()) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("title", "Unsubscribe from " + newsletterName);
            vars.put("token", token);
            vars.put("unsubscribeForm", token != null);
            vars.put("message", token == null ? "Use the unsubscribe link at the bottom of any issue." : null);
            return WebResponse.html(200, renderer.html(PAGE_TEMPLATE, vars));
        }
        boolean done = subscribers.unsubscribe(String.valueOf(token));
        return done
                ? page("You are unsubscribed", null, false, "You will not receive " + newsletterName + " again.")
                : page("Link not valid", "This unsubscribe link is not valid.", false, null).withStatus(400);
    }

    private WebResponse page(String title, String error, boolean subscribeForm, String message) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("title", title);
        vars.put("error", error);
        vars.put("message", message);
        vars.put("subscribeForm", subscribeForm);
        vars.put("unsubscribeForm", false);
        return WebResponse.html(200, renderer.html(PAGE_TEMPLATE, vars));
    }
}
