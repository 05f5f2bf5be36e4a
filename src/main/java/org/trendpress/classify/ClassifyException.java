package org.trendpress.classify;

/** A model that cannot be read, trained or evaluated; the message is one line for the operator. */
public class ClassifyException extends RuntimeException {

    public ClassifyException(String message) {
        super(message);
    }

    public ClassifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
