package org.trendpress.ingest;

import java.util.Locale;
import java.util.Set;

/**
 * A Source as configured in {@code config/sources.yaml}.
 *
 * @param id       stable kebab-case id
 * @param name     display name
 * @param type     rss, atom, arxiv-api, arxiv-rss, hf-daily or jsonfeed
 * @param url      http(s) or file: URL
 * @param schedule Quartz cron expression for polling
 * @param kindHint research, news or mixed
 * @param weight   editor-set weight used in ranking (1.0 = neutral)
 * @param enabled  whether the source is polled
 */
public record SourceConfig(
        String id, String name, String type, String url, String schedule, String kindHint, double weight,
        boolean enabled) {

    static final Set<String> TYPES = Set.of("rss", "atom", "arxiv-api", "arxiv-rss", "hf-daily", "jsonfeed");
    static final Set<String> KIND_HINTS = Set.of("research", "news", "mixed");

    public SourceConfig {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,99}")) {
            throw new IngestException("source id must be kebab-case (a-z, 0-9, -): " + id);
        }
        type = type == null ? "rss" : type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IngestException("source " + id + ": unknown type '" + type + "' (one of " + TYPES + ")");
        }
        if (url == null || url.isBlank()) {
            throw new IngestException("source " + id + ": url is missing");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:"))) {
            throw new IngestException("source " + id + ": url must be http(s) or file: " + url);
        }
        kindHint = kindHint == null ? "mixed" : kindHint.toLowerCase(Locale.ROOT);
        if (!KIND_HINTS.contains(kindHint)) {
            throw new IngestException("source " + id + ": kind must be research, news or mixed, not " + kindHint);
        }
        if (schedule != null && !schedule.isBlank() && !org.quartz.CronExpression.isValidExpression(schedule)) {
            throw new IngestException("source " + id + ": schedule is not a valid Quartz cron expression: " + schedule);
        }
        name = name == null || name.isBlank() ? id : name;
        if (weight <= 0) {
            weight = 1.0;
        }
    }
}
