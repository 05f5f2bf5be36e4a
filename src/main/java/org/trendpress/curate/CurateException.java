package org.trendpress.curate;

/** An editor action that cannot be done (unknown draft, wrong state, bad input); the message says why. */
public class CurateException extends RuntimeException {
    public CurateException(String message) {
        super(message);
    }
}
