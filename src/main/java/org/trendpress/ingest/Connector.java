package org.trendpress.ingest;

/**
 * Maps the bytes of one response from one kind of source into Items. Implementations never let a
 * parser, JSON or HTTP type escape, and report what they cannot read as an {@link IngestException}
 * with a one-line reason.
 */
public interface Connector {

    /**
     * Parses a body whose address is unknown: relative links that nothing in the document resolves
     * (no {@code xml:base}, no JSON Feed {@code feed_url}) are dropped.
     *
     * @param sourceId    the Source the bytes came from (copied into every Item)
     * @param body        the response body, already decompressed
     * @param contentType the HTTP Content-Type (may carry a charset), or null for files
     */
    ParsedFeed parse(String sourceId, byte[] body, String contentType);

    /**
     * Parses a body read from {@code documentUrl}: the URL after redirects when polling, the file or
     * URL given to {@code inspect}. Relative links in the document resolve against it (after any
     * {@code xml:base}); only http(s) results are kept as links.
     *
     * @param documentUrl the absolute URL the body was read from, or null when unknown
     */
    default ParsedFeed parse(String sourceId, byte[] body, String contentType, String documentUrl) {
        return parse(sourceId, body, contentType);
    }
}
