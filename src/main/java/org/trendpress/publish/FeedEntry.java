package org.trendpress.publish;

import java.time.Instant;

/**
 * One published Issue as the archive feeds list it.
 *
 * @param title       e.g. "Trends in AI — October 2026"
 * @param url         the Issue's permanent web page; also its id in all three feeds (RSS guid,
 *                    Atom id, JSON Feed id), so a correction never changes it
 * @param summary     the one-line summary (plain text), or null
 * @param publishedAt when the Issue was first published
 * @param updatedAt   when its content last changed (a correction), or null for "never since publishing"
 * @param html        the content as an HTML fragment with absolute links, or null to leave it out
 */
public record FeedEntry(String title, String url, String summary, Instant publishedAt, Instant updatedAt, String html) {

    /** The entry's last change: its update time, never earlier than its publication. */
    public Instant lastChange() {
        if (updatedAt == null) {
            return publishedAt;
        }
        return publishedAt == null || updatedAt.isAfter(publishedAt) ? updatedAt : publishedAt;
    }
}
