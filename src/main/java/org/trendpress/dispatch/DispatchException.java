package org.trendpress.dispatch;

/** A dispatch cannot start at all (unknown issue, unreadable issue data). */
public class DispatchException extends RuntimeException {
    public DispatchException(String message) {
        super(message);
    }

    public DispatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
