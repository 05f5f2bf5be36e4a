package org.trendpress.publish;

import java.time.Instant;

/**
 * One published Issue as the archive feed lists it.
 *
 * @param title       e.g. "Trends in AI — October 2026"
 * @param url         the Issue's web page; also the item's permalink guid
 * @param summary     the one-line summary, the item's description
 * @param publishedAt when the Issue was published
 * @param html        the full web rendering for {@code content:encoded}, or null to leave it out
 */
public record FeedEntry(String title, String url, String summary, Instant publishedAt, String html) {}
