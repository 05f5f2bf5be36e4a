package org.trendpress.ingest;

/**
 * Maps the bytes of one response from one kind of source into Items. Implementations never let a
 * parser, JSON or HTTP type escape, and report what they cannot read as an {@link IngestException}
 * with a one-line reason.
 */
public interface Connector {

    /**
     * @param sourceId    the Source the bytes came from (copied into every Item)
     * @param body        the response body, already decompressed
     * @param contentType the HTTP Content-Type (may carry a charset), or null for files
     */
    ParsedFeed parse(String sourceId, byte[] body, String contentType);
}
