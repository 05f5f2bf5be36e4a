package org.trendpress.ingest;

import java.time.Instant;
import java.util.List;

/**
 * One normalised entry seen at one source. Nothing outside {@code ingest} sees the parser types
 * this came from.
 *
 * @param sourceId     the Source it was seen at
 * @param guid         the entry's stable id at that source (its guid/id, else its link, else title)
 * @param url          the link as published
 * @param canonicalUrl the link without tracking parameters and fragment, lower-case scheme/host
 * @param title        plain-text title
 * @param summaryHtml  sanitised HTML summary (safe to embed), may be empty
 * @param summaryText  plain-text summary for text emails, may be empty
 * @param authors      author names, in order
 * @param arxivId      arXiv id without version (e.g. 2610.01234 or hep-th/9901001), or null
 * @param doi          DOI (lower-case, e.g. 10.1000/xyz), or null
 * @param publishedAt  publication time as the source states it, or null when it states none
 * @param links        every other link the entry carries (related, enclosure, links in content)
 * @param details      arXiv metadata and ranking signals, {@link ItemDetails#NONE} when there are none
 */
public record Item(
        String sourceId,
        String guid,
        String url,
        String canonicalUrl,
        String title,
        String summaryHtml,
        String summaryText,
        List<String> authors,
        String arxivId,
        String doi,
        Instant publishedAt,
        List<String> links,
        ItemDetails details) {

    public Item {
        authors = authors == null ? List.of() : List.copyOf(authors);
        links = links == null ? List.of() : List.copyOf(links);
        details = details == null ? ItemDetails.NONE : details;
    }

    /** An Item with no details beyond the common fields. */
    public Item(String sourceId, String guid, String url, String canonicalUrl, String title, String summaryHtml,
            String summaryText, List<String> authors, String arxivId, String doi, Instant publishedAt,
            List<String> links) {
        this(sourceId, guid, url, canonicalUrl, title, summaryHtml, summaryText, authors, arxivId, doi,
                publishedAt, links, ItemDetails.NONE);
    }
}
