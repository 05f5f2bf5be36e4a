package org.trendpress.ingest;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/** Sanitises HTML from feeds (OWASP policy) and derives plain text and links from it (jsoup). */
final class HtmlCleaner {

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "figure", "figcaption", "sub", "sup")
                    .toFactory());

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
            return WHITESPACE.matcher(html).replaceAll(" ").trim();
        }
        Document doc = Jsoup.parseBodyFragment(html);
        return doc.text().trim();
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
     * The visible text and the absolute http(s) links of an HTML fragment, and the fragment itself
     * with its relative {@code href}s and {@code src}s resolved against {@code base} (unchanged when
     * there is no base or nothing relative).
     */
    record Fragment(String text, List<String> links, String html) {}

    /** {@link #read(String, String)} with no base: relative links are left out of the links. */
    Fragment read(String html) {
        return read(html, null);
    }

    /** The text and the links of one fragment, parsed once, relative URLs resolved against {@code base}. */
    Fragment read(String html, String base) {
        if (html == null || html.isBlank()) {
            return new Fragment("", new ArrayList<>(), html == null ? "" : html);
        }
        if (html.indexOf('<') < 0) {
            return new Fragment(text(html), new ArrayList<>(), html);
        }
        Document doc = Jsoup.parseBodyFragment(html);
        String text = doc.text().trim();
        // one walk over the elements: relative href/src resolved, then the a/@href links collected
        // (two CSS selects did the same walk twice, parsing their queries each time)
        boolean changed = false;
        List<String> links = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            if (base != null && (e.hasAttr("href") || e.hasAttr("src"))) {
                changed |= absolutise(e, base);
            }
            if (e.normalName().equals("a") && e.hasAttr("href")) {
                addLink(links, e);
            }
        }
        String out = html;
        if (changed) {
            doc.outputSettings().prettyPrint(false);
            out = doc.body().html();
        }
        return new Fragment(text, links, out);
    }

    /**
     * Resolves an element's relative href and src against {@code base}; true when one changed.
     * Fragment-only references stay as they are.
     */
    private static boolean absolutise(Element e, String base) {
        boolean changed = false;
        for (String attr : new String[] {"href", "src"}) {
            String v = e.attr(attr);
            // "#fn1" points inside the entry's own text (footnotes), not at the feed document: leave it
            if (v.isEmpty() || v.startsWith("#") || v.startsWith("http://") || v.startsWith("https://")) {
                continue;
            }
            String abs = Links.resolveAny(base, v);
            if (abs != null && !abs.equals(v)) {
                e.attr(attr, abs);
                changed = true;
            }
        }
        return changed;
    }

    private static void addLink(List<String> out, Element a) {
        String href = a.attr("href").trim();
        if (href.startsWith("http://") || href.startsWith("https://")) {
            out.add(href);
        }
    }
}
