package org.trendpress.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first, rule-based kind classifier: research when the item carries a paper identifier (arXiv
 * id, DOI, OpenReview link) or comes from a research source; otherwise news. A later version
 * replaces it with a trained model; the rules stay readable so editors can see why.
 */
public final class RuleClassifier implements ItemClassifier {

    /** The decision and the rule that made it. */
    public record Decision(Kind kind, String reason) {}

    private static final Pattern PAPER_HOSTS = Pattern.compile(
            "https?://(www\\.)?(openreview\\.net/(forum|pdf)|aclanthology\\.org/|proceedings\\.(mlr\\.press|neurips\\.cc)/|papers\\.nips\\.cc/|biorxiv\\.org/content/|doi\\.org/)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OFF_TOPIC = Pattern.compile(
            "\\b(outage|scheduled maintenance|service disruption|status update|degraded performance|we are hiring|job opening)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param title    the item's title
     * @param text     its plain-text summary
     * @param arxivId  its arXiv id, or null
     * @param doi      its DOI, or null
     * @param links    its links (main link first)
     * @param kindHint the source's kind hint: research, news or mixed
     */
    public Decision classify(String title, String text, String arxivId, String doi, List<String> links,
            String kindHint) {
        String hint = kindHint == null ? "mixed" : kindHint.toLowerCase(Locale.ROOT);
        if (OFF_TOPIC.matcher(title == null ? "" : title).find()) {
            return new Decision(Kind.OTHER, "off-topic wording in title");
        }
        if (arxivId != null) {
            return hint.equals("news")
                    ? new Decision(Kind.NEWS, "news source covering arXiv " + arxivId)
                    : new Decision(Kind.RESEARCH, "arXiv " + arxivId);
        }
        if (doi != null && !hint.equals("news")) {
            return new Decision(Kind.RESEARCH, "DOI " + doi);
        }
        if (!hint.equals("news") && links != null) {
            for (String l : links) {
                if (l != null && PAPER_HOSTS.matcher(l).find()) {
                    return new Decision(Kind.RESEARCH, "paper link " + host(l));
                }
            }
        }
        return switch (hint) {
            case "research" -> new Decision(Kind.RESEARCH, "research source");
            case "news" -> new Decision(Kind.NEWS, "news source");
            default -> new Decision(Kind.NEWS, "no paper link");
        };
    }

    /**
     * The rules as an {@link ItemClassifier}: confidence 1.0, topics only from arXiv categories
     * ({@link ArxivCategories}), none otherwise.
     */
    @Override
    public Classifier.Classification classify(ItemFeatures f) {
        Decision d = classify(f.title(), f.summary(), f.arxivId(), f.doi(), f.links(), f.kindHint());
        return new Classifier.Classification(d.kind(), 1.0, "rule: " + d.reason(),
                ArxivCategories.topics(f.categories()).stream()
                        .map(t -> new Classifier.TopicScore(t, 1.0, "arxiv")).toList());
    }

    private static String host(String url) {
        String s = url.replaceFirst("^https?://(www\\.)?", "");
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }
}
