package org.trendpress.ingest;

import java.time.Duration;

/**
 * How politely the {@link Poller} polls.
 *
 * @param threads        sources fetched at the same time (the pool is bounded by this)
 * @param notFoundLimit  404/410 answers in a row after which a source is paused
 * @param arxivInterval  least time between two requests to arXiv
 * @param arxivMaxPages  most pages fetched from an arxiv-api query in one poll
 * @param maxBackoff     longest wait after failures (also caps a server's Retry-After)
 */
public record PollSettings(int threads, int notFoundLimit, Duration arxivInterval, int arxivMaxPages,
        Duration maxBackoff) {

    public PollSettings {
        if (threads < 1) {
            throw new IngestException("trendpress.poll.threads must be at least 1, not " + threads);
        }
        if (notFoundLimit < 1) {
            throw new IngestException("trendpress.poll.not-found-limit must be at least 1, not " + notFoundLimit);
        }
        if (arxivMaxPages < 1) {
            throw new IngestException("trendpress.poll.arxiv-max-pages must be at least 1, not " + arxivMaxPages);
        }
        if (arxivInterval.isNegative() || maxBackoff.isNegative()) {
            throw new IngestException("poll intervals must not be negative");
        }
    }

    /** The committed defaults: 4 threads, pause after 3 not-found answers, 3 s between arXiv requests, 10 pages, 1 day. */
    public static PollSettings defaults() {
        return new PollSettings(4, 3, Duration.ofSeconds(3), 10, Duration.ofDays(1));
    }
}
