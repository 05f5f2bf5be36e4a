package org.trendpress.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonical URLs and the identifiers (arXiv id, DOI) that let sightings of one work merge. */
public final class Links {

    /** scheme://authority path ?query #fragment, the parts of an absolute URL we rebuild. */
    private static final Pattern ABSOLUTE = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.\\-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#.*)?", Pattern.DOTALL);
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]*)(?::(\\d*))?");

    /** Query parameters that only track the reader (matched case-insensitively; utm_* by prefix). */
    private static final Set<String> TRACKING = Set.of(
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
            "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "igshid", "igsh", "_hsenc", "_hsmi", "__hstc", "__hssc",
            "__hsfp", "hsctatracking", "mkt_tok", "_ga", "_gl", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
            "rb_clickid", "s_cid", "wt_mc", "wt.mc_id", "ncid", "cmpid", "sr_share", "spm", "scid", "trk",
            "trkcampaign", "ito", "__s", "ss_source", "ss_campaign_id", "ss_email_id");

    // Month 01-12 keeps phone numbers and version strings out; (?!\d) stops at the id's end.
    private static final String NEW_ID = "(\\d{2}(?:0[1-9]|1[0-2])\\.\\d{4,5})(?!\\d)";
    // archive (hep-th, math, cond-mat, q-bio...) with an optional subject class (math.GT, cond-mat.str-el).
    private static final String OLD_ID = "([a-z]+(?:-[a-z]+)*)(?:\\.[A-Za-z]{2}(?:-[A-Za-z]{2,3})?)?/(\\d{2}(?:0[1-9]|1[0-2])\\d{3})(?!\\d)";
    private static final String VERSION = "(?:[vV](\\d+))?";
    private static final String ARXIV_PATH =
            "(?<![\\w.\\-])(?:[\\w\\-]+\\.)*arxiv\\.org/(?:abs|pdf|html|format|ps|src|e-print)/";
    /** Sites that show one arXiv paper under its id: Hugging Face papers, tldr.takara.ai, alphaXiv, ar5iv... */
    private static final String ARXIV_MIRROR = "(?<![\\w.\\-])(?:[\\w\\-]+\\.)*(?:(?:huggingface\\.co|hf\\.co)/papers/"
            + "|tldr\\.takara\\.ai/p/|alphaxiv\\.org/(?:abs|overview|pdf)/|ar5iv\\.org/(?:abs|html)/"
            + "|scirate\\.com/arxiv/|semanticscholar\\.org/arxiv/|arxiv-sanity-lite\\.com/\\?rank=pid&pid=)";
    private static final String ARXIV_PREFIX = "(?:" + ARXIV_PATH
            + "|\\barxiv:\\s*|\\b10\\.48550/arxiv\\.|" + ARXIV_MIRROR + ")";
    private static final Pattern ARXIV_NEW = Pattern.compile(ARXIV_PREFIX + NEW_ID + VERSION, Pattern.CASE_INSENSITIVE);
    private static final Pattern ARXIV_OLD = Pattern.compile(
            "(?:" + ARXIV_PATH + "|\\barxiv:\\s*)" + OLD_ID + VERSION, Pattern.CASE_INSENSITIVE);

    private static final Pattern DOI = Pattern.compile("(?<![\\w.])(10\\.\\d{4,9}/[^\\s\"<>&]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOI_LINK = Pattern.compile(
            "\\b(?:dx\\.)?doi\\.org/(10(?:\\.|%2e)\\d{4,9}(?:/|%2f)[^\\s\"<>&?#]+)", Pattern.CASE_INSENSITIVE);

    private Links() {}

    /**
     * A link as an absolute http(s) URL: {@code ref} resolved against {@code base} (RFC 3986), or
     * null when the result is not http(s) ({@code javascript:}, {@code data:}, {@code mailto:}, a
     * {@code file:} base), when {@code ref} is relative and there is no usable base, or when it is
     * blank. An absolute http(s) {@code ref} comes back trimmed and otherwise unchanged.
     */
    public static String resolve(String base, String ref) {
        String abs = resolveAny(base, ref);
        return abs != null && isHttp(abs) ? abs : null;
    }

    /**
     * {@code ref} resolved against {@code base} whatever the scheme (for {@code xml:base} values,
     * which may themselves be relative), or null when it cannot be made absolute.
     */
    public static String resolveAny(String base, String ref) {
        if (ref == null) {
            return null;
        }
        String r = ref.strip();
        if (r.isEmpty()) {
            return null;
        }
        if (hasScheme(r)) {
            return r;
        }
        if (base == null || base.isBlank() || !hasScheme(base.strip())) {
            return null;
        }
        try {
            java.net.URL context = new java.net.URL(base.strip());
            if (r.startsWith("?")) {
                // java.net.URL drops the last path segment for a query-only reference (RFC 3986 keeps it)
                String b = context.toExternalForm();
                int cut = b.length();
                int q = b.indexOf('?');
                int h = b.indexOf('#');
                if (q >= 0) {
                    cut = q;
                } else if (h >= 0) {
                    cut = h;
                }
                return b.substring(0, cut) + r;
            }
            java.net.URL url = new java.net.URL(context, r);
            return url.toExternalForm();
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    /** True for a string that starts with {@code http://} or {@code https://} (any case) and has a host. */
    static boolean isHttp(String url) {
        String lower = url.length() > 8 ? url.substring(0, 8).toLowerCase(Locale.ROOT) : url.toLowerCase(Locale.ROOT);
        int start = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
        return start > 0 && url.length() > start && url.charAt(start) != '/' && url.charAt(start) != '?'
                && url.charAt(start) != '#';
    }

    /** "scheme:" at the start (RFC 3986: a letter, then letters, digits, +, - or .). */
    private static boolean hasScheme(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!(isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /**
     * The canonical form of a URL: lower-case scheme and host, default port dropped, fragment and
     * tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code ref}, ...) removed, the
     * other parameters kept in order, an empty path written as {@code /}. Returns the trimmed input
     * when it is not an absolute http(s) URL (or contains whitespace), and null for a blank input.
     */
    public static String canonical(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.trim();
        Matcher m = ABSOLUTE.matcher(trimmed);
        if (!m.matches() || trimmed.chars().anyMatch(Character::isWhitespace)) {
            return trimmed;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return trimmed;
        }
        String authority = m.group(2);
        String userInfo = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
        }
        Matcher hp = HOST_PORT.matcher(authority);
        if (!hp.matches() || hp.group(1).isEmpty()) {
            return trimmed;
        }
        String host = hp.group(1).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // fully qualified form names the same host
        }
        String port = hp.group(2) == null ? null : hp.group(2).replaceFirst("^0+(?=\\d)", "");
        if (port != null && (port.isEmpty() || (scheme.equals("http") && port.equals("80"))
                || (scheme.equals("https") && port.equals("443")))) {
            port = null;
        }
        String path = m.group(3).isEmpty() ? "/" : m.group(3);
        String query = stripTracking(m.group(4));

        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (userInfo != null && !userInfo.isEmpty()) {
            sb.append(userInfo).append('@');
        }
        sb.append(host);
        if (port != null) {
            sb.append(':').append(port);
        }
        sb.append(path);
        if (query != null && !query.isEmpty()) {
            sb.append('?').append(query);
        }
        return sb.toString();
    }

    /** True for a query parameter name that only tracks the reader. */
    static boolean isTrackingParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("utm_") || TRACKING.contains(lower);
    }

    private static String stripTracking(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (pair.isEmpty() || isTrackingParameter(name)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }

    /**
     * The arXiv id (without version) in a link or text, if any: abs, pdf, html, format and e-print
     * links on arxiv.org or any of its hosts (export.arxiv.org), pages that show one paper under its
     * id (Hugging Face papers, tldr.takara.ai, alphaXiv, ar5iv, SciRate, Semantic Scholar),
     * {@code arXiv:2401.01234v2}, the arXiv DOI {@code 10.48550/arXiv.2401.01234}, and old-style ids
     * ({@code hep-th/9901001}). An old-style id with a subject class ({@code math.GT/0309136}) comes
     * back without it ({@code math/0309136}), the form arXiv itself uses for the paper.
     */
    public static Optional<String> arxivId(String text) {
        Matcher m = findArxiv(text);
        if (m == null) {
            return Optional.empty();
        }
        if (m.pattern() == ARXIV_NEW) {
            return Optional.of(m.group(1));
        }
        return Optional.of(m.group(1).toLowerCase(Locale.ROOT) + "/" + m.group(2));
    }

    /** The arXiv version the first arXiv id in a link or text names ({@code v2} gives 2), or 0 when none. */
    public static int arxivVersion(String text) {
        Matcher m = findArxiv(text);
        if (m == null) {
            return 0;
        }
        String v = m.pattern() == ARXIV_NEW ? m.group(2) : m.group(3);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0; // absurdly long digits: no usable version
        }
    }

    /** Whether a string is a bare arXiv id, new or old style, with or without a version. */
    public static boolean isArxivId(String s) {
        return s != null && s.strip().matches("(?i)" + NEW_ID + VERSION + "|" + OLD_ID + VERSION);
    }

    /** The arXiv abstract page of an id, e.g. {@code https://arxiv.org/abs/2401.01234}. */
    public static String arxivAbsUrl(String arxivId) {
        return "https://arxiv.org/abs/" + arxivId;
    }

    /** The first arXiv id match in the text, earliest position first, or null. */
    private static Matcher findArxiv(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int[] starts = arxivStarts(text);
        if (starts.length == 0) {
            return null;
        }
        Matcher n = first(ARXIV_NEW, text, starts);
        Matcher o = first(ARXIV_OLD, text, starts);
        if (n != null && o != null) {
            return n.start() <= o.start() ? n : o;
        }
        return n != null ? n : o;
    }

    /*
     * Running the patterns above with find() over a whole summary is slow (the optional host
     * prefix is tried at every position). Every match contains a literal the patterns name
     * ("arxiv", "alphaxiv.org/", "/papers/", "takara.ai/p/", "ar5iv.org/", "doi.org/", "10."), and can start only
     * at a few places near it: where the run of host characters ([\w.-]) before it begins, at the
     * literal, or at the "10.48550/" before "arxiv". So the matchers are tried (lookingAt, with
     * transparent bounds so look-behinds see the text before) at those places only, in order; the
     * first that matches is the match find() would have returned.
     */

    private static final String[] ARXIV_ANCHORS = {"arxiv", "alphaxiv.org/", "/papers/", "takara.ai/p/", "ar5iv.org/"};

    /** Where an arXiv id match may start, ascending, without repeats. */
    private static int[] arxivStarts(String text) {
        Starts starts = new Starts();
        for (String anchor : ARXIV_ANCHORS) {
            for (int a = indexOfAsciiLower(text, anchor, 0); a >= 0; a = indexOfAsciiLower(text, anchor, a + 1)) {
                starts.add(runStart(text, a));
                starts.add(a);
                if (a >= 9) {
                    starts.add(a - 9);
                }
                if (a > 0 && text.charAt(a - 1) == '/') {
                    starts.add(runStart(text, a - 1));
                }
            }
        }
        return starts.sorted();
    }

    /** Where a DOI match may start: each "10." and each "doi.org/" (and the "dx." before it). */
    private static int[] doiStarts(String text) {
        Starts starts = new Starts();
        for (int a = text.indexOf("10."); a >= 0; a = text.indexOf("10.", a + 1)) {
            starts.add(a);
        }
        for (int a = indexOfAsciiLower(text, "doi.org/", 0); a >= 0; a = indexOfAsciiLower(text, "doi.org/", a + 1)) {
            starts.add(a);
            if (a >= 3) {
                starts.add(a - 3);
            }
        }
        return starts.sorted();
    }

    /** Candidate positions, collected in any order with repeats; {@link #sorted} gives them ascending and distinct. */
    private static final class Starts {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] sorted() {
            int[] v = java.util.Arrays.copyOf(values, size);
            java.util.Arrays.sort(v);
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (i == 0 || v[i] != v[i - 1]) {
                    v[n++] = v[i];
                }
            }
            return java.util.Arrays.copyOf(v, n);
        }
    }

    /** The matcher at the first of {@code starts} where the pattern matches, or null. */
    private static Matcher first(Pattern pattern, String text, int[] starts) {
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        for (int start : starts) {
            m.region(start, text.length());
            if (m.lookingAt()) {
                return m;
            }
        }
        return null;
    }

    /** The start of the run of host characters ([\w.-], ASCII) that ends just before {@code at}. */
    private static int runStart(String text, int at) {
        int i = at;
        while (i > 0) {
            char c = text.charAt(i - 1);
            boolean host = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || c == '.';
            if (!host) {
                break;
            }
            i--;
        }
        return i;
    }

    /**
     * Where {@code anchor} (lower-case ASCII) first occurs in {@code text} at or after {@code from},
     * ignoring the case of A to Z only (no other character folds), or -1. No lower-cased copy of
     * the text is built: the JDK's vectorised {@link String#indexOf(int, int)} hops between
     * occurrences of one character of the anchor (a punctuation mark or digit where it has one, so
     * case does not matter; else its rarest letter in both cases), and the anchor is checked there.
     */
    static int indexOfAsciiLower(String text, String anchor, int from) {
        int p = pivot(anchor);
        char lower = anchor.charAt(p);
        char upper = lower >= 'a' && lower <= 'z' ? (char) (lower - 32) : lower;
        int at = Math.max(0, from) + p;
        int nextLower = text.indexOf(lower, at);
        int nextUpper = upper == lower ? -1 : text.indexOf(upper, at);
        while (nextLower >= 0 || nextUpper >= 0) {
            boolean takeLower = nextUpper < 0 || (nextLower >= 0 && nextLower < nextUpper);
            int hit = takeLower ? nextLower : nextUpper;
            if (matchesAsciiLower(text, anchor, hit - p)) {
                return hit - p;
            }
            if (takeLower) {
                nextLower = text.indexOf(lower, hit + 1);
            } else {
                nextUpper = text.indexOf(upper, hit + 1);
            }
        }
        return -1;
    }

    /** The anchor character {@link #indexOfAsciiLower} hops on: its last non-letter, else its rarest letter. */
    private static int pivot(String anchor) {
        for (int k = anchor.length() - 1; k >= 0; k--) {
            char c = anchor.charAt(k);
            if (!(c >= 'a' && c <= 'z')) {
                return k;
            }
        }
        int best = 0;
        for (int k = 1; k < anchor.length(); k++) {
            if (RARITY.indexOf(anchor.charAt(k)) < RARITY.indexOf(anchor.charAt(best))) {
                best = k;
            }
        }
        return best;
    }

    /** Letters, rarest first in English text. */
    private static final String RARITY = "zqxjkvbpygfwmucldrhsnioate";

    private static boolean matchesAsciiLower(String text, String anchor, int start) {
        if (start < 0 || start + anchor.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < anchor.length(); k++) {
            char t = text.charAt(start + k);
            if (t >= 'A' && t <= 'Z') {
                t = (char) (t + 32);
            }
            if (t != anchor.charAt(k)) {
                return false;
            }
        }
        return true;
    }


    /**
     * The DOI in a link (doi.org, dx.doi.org, percent-encoded or not) or text ({@code doi:10.1000/x}),
     * lower-case, without trailing punctuation or an unbalanced closing bracket, if any.
     */
    public static Optional<String> doi(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String doi;
        int[] starts = doiStarts(text);
        if (starts.length == 0) {
            return Optional.empty();
        }
        Matcher link = first(DOI_LINK, text, starts);
        Matcher bare = first(DOI, text, starts);
        boolean hasLink = link != null;
        boolean hasBare = bare != null;
        if (hasLink && (!hasBare || link.start() < bare.start())) {
            try {
                doi = URLDecoder.decode(link.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                doi = link.group(1); // a stray '%': keep the link text as it is
            }
        } else if (hasBare) {
            doi = bare.group(1);
        } else {
            return Optional.empty();
        }
        doi = trimTrailing(doi);
        return doi.indexOf('/') < doi.length() - 1 ? Optional.of(doi.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static String trimTrailing(String doi) {
        while (!doi.isEmpty()) {
            char last = doi.charAt(doi.length() - 1);
            if (".,;:'\"!?*".indexOf(last) >= 0) {
                doi = doi.substring(0, doi.length() - 1);
            } else if (")]}".indexOf(last) >= 0 && !balanced(doi, last)) {
                doi = doi.substring(0, doi.length() - 1);
            } else {
                break;
            }
        }
        return doi;
    }

    /** Whether a DOI ending in a closing bracket opens it too (10.1016/s0140-6736(20)30183-5 style). */
    private static boolean balanced(String s, char close) {
        char open = close == ')' ? '(' : close == ']' ? '[' : '{';
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == open) {
                depth++;
            } else if (s.charAt(i) == close) {
                depth--;
            }
        }
        return depth >= 0;
    }
}
