package org.trendpress.ingest;

/** A source could not be fetched or its body could not be parsed; the message says why in one line. */
public class IngestException extends RuntimeException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
