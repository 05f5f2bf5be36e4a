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
            return html.replaceAll("\\s+", " ").trim();
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

    /** {@link #text} and {@link #links} of one fragment, parsed once, relative URLs resolved against {@code base}. */
    Fragment read(String html, String base) {
        if (html == null || html.isBlank()) {
            return new Fragment("", new ArrayList<>(), html == null ? "" : html);
        }
        if (html.indexOf('<') < 0) {
            return new Fragment(text(html), new ArrayList<>(), html);
        }
        Document doc = Jsoup.parseBodyFragment(html);
        String text = doc.text().trim();
        String out = html;
        if (base != null && absolutise(doc, base)) {
            doc.outputSettings().prettyPrint(false);
            out = doc.body().html();
        }
        return new Fragment(text, links(doc), out);
    }

    /**
     * Resolves relative a/@href, img/@src and friends against {@code base}; true when one changed.
     * Fragment-only references stay as they are.
     */
    private static boolean absolutise(Document doc, String base) {
        boolean changed = false;
        for (Element e : doc.select("[href], [src]")) {
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
        }
        return changed;
    }

    /** The absolute http(s) links of an HTML fragment, in order. */
    List<String> links(String html) {
        if (html == null || html.indexOf('<') < 0) {
            return new ArrayList<>();
        }
        return links(Jsoup.parseBodyFragment(html));
    }

    private static List<String> links(Document doc) {
        List<String> out = new ArrayList<>();
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href").trim();
            if (href.startsWith("http://") || href.startsWith("https://")) {
                out.add(href);
            }
        }
        return out;
    }
}
