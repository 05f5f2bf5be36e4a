package org.trendpress.app;

/** A mistake the user can fix (bad setting, missing file); printed as one line, never a stack trace. */
public class AppException extends RuntimeException {
    public AppException(String message) {
        super(message);
    }
}
