package org.trendpress.curate;

import java.time.Instant;

/**
 * A Paper or news Item proposed for a Draft, with its score and the reasons for it, plus the
 * Selection made of it (null fields when not selected).
 *
 * @param kind      research or news
 * @param slot      news, research or datasets when selected, else null
 */
public record Candidate(long id, long draftId, String kind, Long paperId, Long itemId, String title, String url,
        String authors, String summary, String codeUrl, String projectUrl, Instant publishedAt, double score,
        String reasons, Long selectionId, String slot, Integer position, String headline, String why,
        String keyInsights) {

    public boolean selected() {
        return selectionId != null;
    }
}
