package org.trendpress.ingest;

import java.util.Set;

/**
 * The properties of HTML tags that jsoup's {@code Element.text()} looks at, as jsoup (1.18) defines
 * them, so that {@link HtmlCleaner#read} can build the same text from the sanitiser's events
 * without a jsoup tree. A tag jsoup does not know is inline and "formats as block".
 */
final class JsoupTags {

    private JsoupTags() {}

    private static final Set<String> BLOCK = Set.of("html", "head", "body", "frameset", "script", "noscript",
            "style", "meta", "link", "title", "frame", "noframes", "section", "nav", "aside", "hgroup", "header",
            "footer", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "div", "blockquote", "hr",
            "address", "figure", "figcaption", "form", "fieldset", "ins", "del", "dl", "dt", "dd", "li", "table",
            "caption", "thead", "tfoot", "tbody", "colgroup", "col", "tr", "th", "td", "video", "audio", "canvas",
            "details", "menu", "plaintext", "template", "article", "main", "svg", "math", "center", "dir", "applet",
            "marquee", "listing");

    private static final Set<String> INLINE = Set.of("object", "base", "font", "tt", "i", "b", "u", "big", "small",
            "em", "strong", "dfn", "code", "samp", "kbd", "var", "cite", "abbr", "time", "acronym", "mark", "ruby",
            "rt", "rp", "rtc", "a", "img", "br", "wbr", "map", "q", "sub", "sup", "bdo", "iframe", "embed", "span",
            "input", "select", "textarea", "label", "optgroup", "option", "legend", "datalist", "keygen", "output",
            "progress", "meter", "area", "param", "source", "track", "summary", "command", "device", "basefont",
            "bgsound", "menuitem", "data", "bdi", "s", "strike", "nobr", "rb", "text", "mi", "mo", "msup", "mn",
            "mtext");

    /** Block tags that jsoup nevertheless formats inline (its "formatAsInline" list). */
    private static final Set<String> FORMAT_INLINE = Set.of("title", "a", "p", "h1", "h2", "h3", "h4", "h5", "h6",
            "pre", "address", "li", "th", "td", "script", "style", "ins", "del", "s", "button");

    private static final Set<String> VOID = Set.of("meta", "link", "base", "frame", "img", "br", "wbr", "embed",
            "hr", "input", "keygen", "col", "command", "device", "area", "basefont", "bgsound", "menuitem", "param",
            "source", "track");

    private static final Set<String> PRESERVE_WHITESPACE = Set.of("pre", "plaintext", "title", "textarea");

    static boolean isBlock(String tag) {
        return BLOCK.contains(tag);
    }

    /** Known inline tags and the block tags of the format-inline list format inline; every other tag as a block. */
    static boolean formatAsBlock(String tag) {
        return !INLINE.contains(tag) && !FORMAT_INLINE.contains(tag);
    }

    static boolean isVoid(String tag) {
        return VOID.contains(tag);
    }

    static boolean preservesWhitespace(String tag) {
        return PRESERVE_WHITESPACE.contains(tag);
    }
}
