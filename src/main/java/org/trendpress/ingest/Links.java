package org.trendpress.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonical URLs and the identifiers (arXiv id, DOI) that let sightings of one work merge. */
public final class Links {

    private static final Pattern ARXIV_NEW = Pattern.compile(
            "arxiv\\.org/(?:abs|pdf|html|format)/(\\d{4}\\.\\d{4,5})(?:v\\d+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARXIV_OLD = Pattern.compile(
            "arxiv\\.org/(?:abs|pdf|html|format)/([a-z\\-]+(?:\\.[A-Z]{2})?/\\d{7})(?:v\\d+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARXIV_TEXT = Pattern.compile(
            "\\barxiv:\\s*(\\d{4}\\.\\d{4,5})(?:v\\d+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOI = Pattern.compile(
            "\\b(10\\.\\d{4,9}/[^\\s\"<>&]+)", Pattern.CASE_INSENSITIVE);

    private Links() {}

    /**
     * The canonical form of a URL: lower-case scheme and host, default port dropped, fragment and
     * tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, ...) removed. Returns the
     * trimmed input when it is not an absolute http(s) URL.
     */
    public static String canonical(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
                port = -1;
            }
            String query = stripTracking(uri.getRawQuery());
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringBuilder sb = new StringBuilder(scheme).append("://").append(host);
            if (port != -1) {
                sb.append(':').append(port);
            }
            sb.append(path);
            if (query != null && !query.isEmpty()) {
                sb.append('?').append(query);
            }
            return sb.toString();
        } catch (URISyntaxException e) {
            return trimmed;
        }
    }

    private static String stripTracking(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            String lower = name.toLowerCase(Locale.ROOT);
            if (pair.isEmpty() || lower.startsWith("utm_") || lower.equals("fbclid") || lower.equals("gclid")
                    || lower.equals("mc_cid") || lower.equals("mc_eid") || lower.equals("ref_src")) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }

    /** The arXiv id (without version) in a link or text, if any. */
    public static Optional<String> arxivId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ARXIV_NEW.matcher(text);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = ARXIV_OLD.matcher(text);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = ARXIV_TEXT.matcher(text);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        return Optional.empty();
    }

    /** The DOI in a link or text, lower-case and without trailing punctuation, if any. */
    public static Optional<String> doi(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DOI.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String doi = m.group(1);
        while (!doi.isEmpty() && ".,;:)]}'".indexOf(doi.charAt(doi.length() - 1)) >= 0) {
            doi = doi.substring(0, doi.length() - 1);
        }
        return Optional.of(doi.toLowerCase(Locale.ROOT));
    }
}
