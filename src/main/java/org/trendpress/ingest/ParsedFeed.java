package org.trendpress.ingest;

import java.util.List;

/**
 * What a {@link Connector} read from one response: the feed's title and link, its entries as
 * Items, warnings about what a lenient parse had to repair, and paging facts for paged APIs.
 *
 * @param title        the feed's (or page's) plain-text title, may be empty
 * @param link         the feed's home link, or null
 * @param items        entries in document order
 * @param warnings     what was salvaged ("unescaped '&' repaired"), empty for a clean parse
 * @param totalResults total results of a paged query (arXiv opensearch), or -1 when not paged
 * @param startIndex   index of the first entry of this page, or -1 when not paged
 */
public record ParsedFeed(String title, String link, List<Item> items, List<String> warnings, int totalResults,
        int startIndex) {

    public ParsedFeed {
        title = title == null ? "" : title;
        items = items == null ? List.of() : List.copyOf(items);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ParsedFeed(String title, String link, List<Item> items) {
        this(title, link, items, List.of(), -1, -1);
    }
}
