package org.trendpress.audience;

/** An address that is not a single plain {@code local@domain} we are willing to mail. */
public class InvalidEmailException extends IllegalArgumentException {
    public InvalidEmailException(String message) {
        super(message);
    }
}
