package org.trendpress.publish;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The full HTML a feed entry carries: the {@code <main>} of the published web page (its
 * whole body if it has none), without scripts, styles or forms, and with every link and image
 * source made absolute against the page's URL, since feed readers resolve relative links
 * inconsistently. Deterministic: the same page gives the same fragment.
 */
final class FeedContent {

    private FeedContent() {}

    static String fromWebPage(String page, String pageUrl) {
        Document doc = Jsoup.parse(page, pageUrl);
        doc.outputSettings().prettyPrint(false).charset("UTF-8");
        Element root = doc.selectFirst("main");
        if (root == null) {
            root = doc.body();
        }
        root.select("script, style, link, noscript, form, iframe, object, embed").remove();
        for (String attr : new String[] {"href", "src"}) {
            for (Element e : root.select("[" + attr + "]")) {
                String abs = e.absUrl(attr);
                if (!abs.isEmpty()) {
                    e.attr(attr, abs);
                }
            }
        }
        return root.html().strip();
    }
}
