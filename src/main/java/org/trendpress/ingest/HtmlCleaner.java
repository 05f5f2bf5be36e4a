package org.trendpress.ingest;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.owasp.html.Handler;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/** Sanitises HTML from feeds (OWASP policy) and derives plain text and links from it. */
final class HtmlCleaner {

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "figure", "figcaption", "sub", "sup")
                    .toFactory());

    // read() applies this policy through HtmlSanitizer.sanitize(html, policy), which skips a policy's
    // preprocessors: give POLICY none (HtmlCleanerReadTest compares read()'s HTML with sanitise()'s).

    /** Keeps harmless formatting, blocks and http(s) links; drops scripts, handlers, styles, frames. */
    String sanitise(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return POLICY.sanitize(html).trim();
    }

    /** The visible text of an HTML fragment (entities decoded, whitespace collapsed). */
    String text(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            if (singleSpaced(html)) {
                return html.trim(); // what the whitespace pattern would leave as it is (titles, names)
            }
            return WHITESPACE.matcher(html).replaceAll(" ").trim();
        }
        if (html.indexOf('<') < 0 && plainCharacters(html)) {
            // text with character references only (a title's "&#8212;", "&amp;"): jsoup's own
            // decoding of them, then its text's whitespace rules, without building a document
            StringBuilder out = new StringBuilder(html.length());
            appendNormalised(out, Parser.unescapeEntities(html, false));
            return out.toString().trim();
        }
        Document doc = Jsoup.parseBodyFragment(html);
        return doc.text().trim();
    }

    /** Whether {@code s} has no whitespace but single spaces (the whitespace pattern matches nothing else). */
    static boolean singleSpaced(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' ? i + 1 < n && s.charAt(i + 1) == ' ' : c <= '\r' && c >= '\t') {
                return false; // two spaces in a row, or a tab, newline, vertical tab, form feed or carriage return
            }
        }
        return true;
    }

    /**
     * Whether {@code s} has only characters jsoup's parser takes into a text node as they are: no
     * NUL, carriage return or other control character but tab, newline and form feed (those the
     * tree builder drops or rewrites are left to it), and no U+FFFF (jsoup's reader takes it for the
     * end of the input in places).
     */
    static boolean plainCharacters(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < ' ' ? c != '\t' && c != '\n' && c != '\f' : c >= '\u007F' && c <= '\u009F' || c == '\uFFFF') {
                return false;
            }
        }
        return true;
    }

    /**
     * A title as plain text. A title that is only an image (feeds do this for logos and comics)
     * becomes the image's {@code alt} text, else its {@code title} attribute, else empty: titles
     * are plain text everywhere in Trendpress, and an image URL is not a title.
     */
    String title(String html) {
        String text = text(html);
        if (!text.isEmpty() || html == null || html.indexOf('<') < 0) {
            return text;
        }
        for (Element img : Jsoup.parseBodyFragment(html).select("img")) {
            for (String attr : new String[] {"alt", "title"}) {
                String v = img.attr(attr).replaceAll("\\s+", " ").trim();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        }
        return "";
    }

    /**
     * What one pass of the sanitiser reads from an HTML fragment: its visible text, its absolute
     * http(s) links, and the fragment sanitised, with relative {@code href}s and {@code src}s
     * resolved against a base first (when there is one).
     */
    record Fragment(String text, List<String> links, String html) {}

    /** {@link #read(String, String)} with no base: relative links are left out of the links. */
    Fragment read(String html) {
        return read(html, null);
    }

    /**
     * The text, the links and the sanitised form of one fragment, from one pass of OWASP's lexer:
     * {@link Reading} watches the events the sanitiser's policy receives (tags balanced, entities
     * decoded) and passes them on, so the markup is read once for all three. The text follows
     * jsoup's {@code Element.text()} over the same markup (a block element or a {@code br} is a
     * space; whitespace collapses; {@code pre}, {@code textarea} and {@code title} keep theirs;
     * script and style are not text); {@code HtmlCleanerReadTest} compares the two over every summary
     * in the captured feeds, and pins where malformed markup reads differently (the sanitiser's
     * balanced tree is not jsoup's).
     */
    Fragment read(String html, String base) {
        if (html == null || html.isBlank()) {
            return new Fragment("", new ArrayList<>(), "");
        }
        if (html.indexOf('<') < 0) {
            return new Fragment(text(html), new ArrayList<>(), sanitise(html));
        }
        StringBuilder out = new StringBuilder(html.length());
        Reading reading = new Reading(base, POLICY.apply(HtmlStreamRenderer.create(out, Handler.DO_NOTHING)));
        HtmlSanitizer.sanitize(html, reading);
        return new Fragment(reading.text.toString().trim(), reading.links, out.toString().trim());
    }

    /**
     * Sits between OWASP's tag balancer and the policy: collects the text as jsoup's
     * {@code Element.text()} would build it and the links of {@code a} elements, resolves relative
     * URLs in place, and hands every event on to the policy unchanged otherwise.
     */
    private static final class Reading implements HtmlSanitizer.Policy {
        private final String base;
        private final HtmlSanitizer.Policy policy;
        private final StringBuilder text = new StringBuilder();
        private final List<String> links = new ArrayList<>();
        /** Open elements, innermost last (the balancer closes what it opens, voids excepted). */
        private final List<String> open = new ArrayList<>();
        /** Inside script or style (jsoup keeps their content as data, not text): how deep. */
        private int data;
        /** A block element just ended: a space is due if a text or an inline element follows. */
        private boolean blockEnded;

        Reading(String base, HtmlSanitizer.Policy policy) {
            this.base = base;
            this.policy = policy;
        }

        @Override
        public void openDocument() {
            policy.openDocument();
        }

        @Override
        public void closeDocument() {
            policy.closeDocument();
        }

        @Override
        public void openTag(String name, List<String> attrs) {
            if (blockEnded && !JsoupTags.formatAsBlock(name)) {
                space();
            }
            blockEnded = false;
            if (JsoupTags.isBlock(name) || name.equals("br")) {
                space();
            }
            if (base != null) {
                absolutise(attrs, base);
            }
            if (name.equals("a")) {
                for (int i = 0; i + 1 < attrs.size(); i += 2) {
                    if (attrs.get(i).equals("href")) {
                        String href = attrs.get(i + 1).trim();
                        if (href.startsWith("http://") || href.startsWith("https://")) {
                            links.add(href);
                        }
                        break;
                    }
                }
            }
            if (JsoupTags.isVoid(name)) {
                blockEnded = JsoupTags.isBlock(name); // a void element ends where it starts
            } else {
                open.add(name);
                if (name.equals("script") || name.equals("style")) {
                    data++;
                }
            }
            policy.openTag(name, attrs);
        }

        @Override
        public void closeTag(String name) {
            for (int i = open.size() - 1; i >= 0; i--) {
                if (open.get(i).equals(name)) {
                    open.remove(i);
                    if (name.equals("script") || name.equals("style")) {
                        data--;
                    }
                    break;
                }
            }
            blockEnded = JsoupTags.isBlock(name);
            policy.closeTag(name);
        }

        @Override
        public void text(String chunk) {
            if (data == 0) {
                if (blockEnded) {
                    space();
                }
                blockEnded = false;
                if (preserved()) {
                    text.append(chunk);
                } else {
                    appendNormalised(text, chunk);
                }
            }
            policy.text(chunk);
        }

        /** jsoup keeps whitespace under pre, plaintext, textarea and title, looking six levels up. */
        private boolean preserved() {
            for (int i = open.size() - 1, n = 0; i >= 0 && n < 6; i--, n++) {
                if (JsoupTags.preservesWhitespace(open.get(i))) {
                    return true;
                }
            }
            return false;
        }

        private void space() {
            int n = text.length();
            if (n > 0 && text.charAt(n - 1) != ' ') {
                text.append(' ');
            }
        }
    }

    /**
     * Appends {@code s} to {@code out} by jsoup's whitespace rules for an element's text
     * ({@code Element.text()}): whitespace runs (space, tab, newline, form feed, carriage return,
     * no-break space) as one space, leading whitespace dropped when {@code out} ends with a space;
     * zero-width space and soft hyphen dropped. Other characters are copied in runs (a surrogate is
     * never one of those characters, so going by char keeps every code point as it is), and a
     * chunk with nothing to normalise in one copy.
     */
    static void appendNormalised(StringBuilder out, String s) {
        boolean stripLeading = out.length() > 0 && out.charAt(out.length() - 1) == ' ';
        if (plain(s, stripLeading)) {
            out.append(s); // one copy of the whole chunk (a region is appended char by char)
            return;
        }
        boolean lastWasWhite = false;
        boolean reachedNonWhite = false;
        int run = -1;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            boolean white = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\u00A0';
            if (!white && c != '\u200B' && c != '\u00AD') {
                if (run < 0) {
                    run = i;
                }
                lastWasWhite = false;
                reachedNonWhite = true;
                continue;
            }
            if (run >= 0) {
                out.append(s, run, i);
                run = -1;
            }
            if (white && !((stripLeading && !reachedNonWhite) || lastWasWhite)) {
                out.append(' ');
                lastWasWhite = true;
            }
        }
        if (run >= 0) {
            out.append(s, run, s.length());
        }
    }

    /**
     * Whether {@link #appendNormalised} would copy {@code s} as it is after a text that
     * ends with {@code ' '} or not ({@code afterSpace}): no whitespace but single plain spaces
     * between other characters, no leading space after a space, no invisible characters.
     */
    static boolean plain(String s, boolean afterSpace) {
        boolean lastWasSpace = afterSpace;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c > ' ' && c != '\u00A0' && c != '\u200B' && c != '\u00AD') {
                lastWasSpace = false;
            } else if (c == ' ' && !lastWasSpace) {
                lastWasSpace = true;
            } else {
                return false; // a control or other whitespace character, or a second space in a row
            }
        }
        return true;
    }

    /** Relative href and src values resolved against {@code base}, in an attribute list (name, value, ...). */
    private static void absolutise(List<String> attrs, String base) {
        for (int i = 0; i + 1 < attrs.size(); i += 2) {
            String name = attrs.get(i);
            if (name.equals("href") || name.equals("src")) {
                String v = attrs.get(i + 1);
                if (v.isEmpty() || v.startsWith("#") || v.startsWith("http://") || v.startsWith("https://")) {
                    continue; // "#fn1" points inside the entry's own text (footnotes), not at the feed document
                }
                String abs = Links.resolveAny(base, v);
                if (abs != null && !abs.equals(v)) {
                    attrs.set(i + 1, abs);
                }
            }
        }
    }

}
