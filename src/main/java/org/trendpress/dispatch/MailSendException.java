package org.trendpress.dispatch;

/** A message could not be handed to the relay (or written to the outbox). */
public class MailSendException extends Exception {
    public MailSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
