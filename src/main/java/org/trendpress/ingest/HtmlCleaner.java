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

    /** The visible text and the absolute http(s) links of an HTML fragment. */
    record Fragment(String text, List<String> links) {}

    /** {@link #text} and {@link #links} of one fragment, parsed once. */
    Fragment read(String html) {
        if (html == null || html.isBlank()) {
            return new Fragment("", new ArrayList<>());
        }
        if (html.indexOf('<') < 0) {
            return new Fragment(text(html), new ArrayList<>());
        }
        Document doc = Jsoup.parseBodyFragment(html);
        String text = doc.text().trim();
        return new Fragment(text, links(doc));
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
