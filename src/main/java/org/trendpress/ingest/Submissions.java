package org.trendpress.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.ItemClassifier;
import org.trendpress.classify.ItemFeatures;

/**
 * URLs an editor submits by hand: the page is fetched through the same guarded {@link Fetcher} as
 * every source (SSRF guard, deadline, size cap, redirects), read by its HTML metadata, classified
 * and stored as an Item of the pseudo-source {@value #SOURCE_ID}, so the next draft refresh can
 * propose it like any polled item.
 */
public final class Submissions {

    private static final Logger LOG = LoggerFactory.getLogger(Submissions.class);
    /** The pseudo-source hand-submitted items belong to. */
    public static final String SOURCE_ID = "submitted";

    /** What a submission stored: the item as read, its kind, and whether it was new. */
    public record Submitted(String url, String title, String kind, String reason, boolean added) {}

    private final Jdbi jdbi;
    private final Fetcher fetcher;
    private final ItemClassifier classifier;
    private final Clock clock;
    private final Connectors connectors = new Connectors();
    private final ItemStore items = new ItemStore();

    public Submissions(Jdbi jdbi, Fetcher fetcher, ItemClassifier classifier, Clock clock) {
        this.jdbi = jdbi;
        this.fetcher = fetcher;
        this.classifier = classifier;
        this.clock = clock;
        new SourceStore(jdbi).ensureSubmittedSource(SOURCE_ID, "Submitted by editors");
    }

    /**
     * Fetches and stores one page. Throws {@link IngestException} with a one-line reason when the
     * URL is not http(s), is refused by the address guard, cannot be fetched, or is not an HTML page.
     */
    public Submitted submit(String url, String editor) {
        String u = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IngestException("not a valid URL: " + FeedParser.oneLine(u));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IngestException("only http and https links can be submitted: " + FeedParser.oneLine(u));
        }
        Fetcher.Result fetched = fetcher.fetch(uri.toString(), null, null);
        String type = connectors.sniff(fetched.body(), fetched.contentType());
        if (!type.equals("page")) {
            throw new IngestException("that link is a " + type + " feed, not a page: add it to config/sources.yaml instead");
        }
        String finalUrl = fetched.url() != null ? fetched.url() : uri.toString();
        ParsedFeed page = connectors.forType("page").parse(SOURCE_ID, fetched.body(), fetched.contentType(), finalUrl);
        if (page.items().isEmpty()) {
            throw new IngestException("no title or description found on " + finalUrl);
        }
        Item read = page.items().get(0);
        Item item = new Item(SOURCE_ID, read.guid(), read.url(), read.canonicalUrl(), read.title(), read.summaryHtml(),
                read.summaryText(), read.authors(), read.arxivId(), read.doi(), read.publishedAt(), read.links(),
                read.details());
        Classifier.Classification c = classifier.classify(ItemFeatures.of(item, "mixed"));
        Instant now = clock.instant();
        boolean added = jdbi.inTransaction(h -> items.save(h, item, c, now));
        LOG.info("ingest.submitted url={} editor={} kind={} added={}", finalUrl, editor, c.kind().code(), added);
        return new Submitted(item.url(), item.title(), c.kind().code(), c.reason(), added);
    }
}
