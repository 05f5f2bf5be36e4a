package org.trendpress.publish;

import java.nio.file.Path;

/**
 * Where and how issues are published.
 *
 * @param archiveDir     the archive folder (issues/ by default): one folder per issue, index and feed
 * @param baseUrl        the public site's base URL, without trailing slash
 * @param newsletterName e.g. "Trends in AI"
 * @param titlePattern   e.g. "{name} — {month}", where {month} is "October 2026"
 */
public record PublishSettings(Path archiveDir, String baseUrl, String newsletterName, String titlePattern) {

    public PublishSettings {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String issueUrl(String month) {
        return baseUrl + "/issues/" + month + "/";
    }

    public String archiveUrl() {
        return baseUrl + "/issues/";
    }

    public String feedUrl() {
        return baseUrl + "/issues/feed.xml";
    }

    public String subscribeUrl() {
        return baseUrl + "/subscribe";
    }
}
