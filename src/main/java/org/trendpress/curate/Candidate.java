package org.trendpress.curate;

import java.time.Instant;
import java.util.List;

/**
 * A Paper or news Item proposed for a Draft, with its score and the reasons for it, plus the
 * Selection made of it (null fields when not selected).
 *
 * @param kind          research or news
 * @param slot          news, research or datasets when selected, else null
 * @param datasetReason why the paper looks like it introduces a dataset or benchmark (proposed for
 *                      the Datasets &amp; Benchmarks list), or null
 * @param tldr          the one-sentence TL;DR proposed for that list, or null
 * @param source        the display name of the lead story's source (news), or null
 * @param topics        the paper's topic codes, main topic first (research)
 * @param stories       the other stories grouped into this news event, with their sources
 * @param related       the related works shown under a selected research paper, in order
 */
public record Candidate(long id, long draftId, String kind, Long paperId, Long itemId, String title, String url,
        String authors, String summary, String codeUrl, String projectUrl, Instant publishedAt, double score,
        String reasons, Long selectionId, String slot, Integer position, String headline, String why,
        String keyInsights, String datasetReason, String tldr, String source, List<String> topics,
        List<Story> stories, List<Related> related) {

    /** Another report of the same news event. */
    public record Story(long itemId, String title, String url, String source) {}

    /** A related paper under a research selection; {@code addedBy} is null for a suggestion. */
    public record Related(long paperId, String title, String url, String addedBy) {}

    public boolean selected() {
        return selectionId != null;
    }

    /** Proposed for the Datasets &amp; Benchmarks list. */
    public boolean datasetSuggested() {
        return datasetReason != null;
    }

    /** The main topic code, or null. */
    public String mainTopic() {
        return topics == null || topics.isEmpty() ? null : topics.get(0);
    }
}
