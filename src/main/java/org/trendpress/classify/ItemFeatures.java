package org.trendpress.classify;

import java.util.ArrayList;
import java.util.List;
import org.trendpress.ingest.Item;

/**
 * What the classifier looks at in one Item: its text and its structure.
 *
 * @param title       plain-text title
 * @param summary     plain-text summary, may be empty
 * @param arxivId     arXiv id, or null
 * @param doi         DOI, or null
 * @param links       the item's links, main link first
 * @param authors     number of authors named
 * @param kindHint    the source's kind hint: research, news or mixed (null means mixed)
 * @param categories  arXiv categories, primary first (empty when the source gives none)
 */
public record ItemFeatures(String title, String summary, String arxivId, String doi, List<String> links, int authors,
        String kindHint, List<String> categories) {

    public ItemFeatures {
        title = title == null ? "" : title;
        summary = summary == null ? "" : summary;
        links = links == null ? List.of() : List.copyOf(links.stream().filter(l -> l != null).toList());
        categories = categories == null ? List.of() : List.copyOf(categories);
        kindHint = kindHint == null || kindHint.isBlank() ? "mixed" : kindHint.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The features of an Item seen at a source with this kind hint. */
    public static ItemFeatures of(Item item, String kindHint) {
        List<String> links = new ArrayList<>();
        if (item.url() != null) {
            links.add(item.url());
        }
        links.addAll(item.links());
        List<String> cats = new ArrayList<>(item.details().categories());
        String primary = item.details().primaryCategory();
        if (primary != null && !cats.contains(primary)) {
            cats.add(0, primary);
        }
        return new ItemFeatures(item.title(), item.summaryText(), item.arxivId(), item.doi(), links,
                item.authors().size(), kindHint, cats);
    }
}
