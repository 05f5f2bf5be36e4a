package org.trendpress.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A fetch failed: the HTTP status when the server answered (0 when it did not: timeout, refused
 * address, connection error, body too large) and its Retry-After header, if any, so the poller
 * can be polite about it.
 */
public class FetchException extends IngestException {

    private final int status;
    private final String retryAfter;

    public FetchException(int status, String retryAfter, String message) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.retryAfter = null;
    }

    /** The HTTP status code, or 0 when no response was received. */
    public int status() {
        return status;
    }

    /** The raw Retry-After header, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    /** When Retry-After allows the next request, taking delta-seconds from {@code now}; empty without a valid header. */
    public Optional<Instant> retryAt(Instant now) {
        return parseRetryAfter(retryAfter, now);
    }

    /** Parses a Retry-After value: delta-seconds or an HTTP date (RFC 1123). */
    static Optional<Instant> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.matches("\\d{1,10}")) {
            return Optional.of(now.plus(Duration.ofSeconds(Long.parseLong(v))));
        }
        try {
            return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
