package org.trendpress.publish;

/** An issue could not be published; the message says why. */
public class PublishException extends RuntimeException {
    public PublishException(String message) {
        super(message);
    }
}
