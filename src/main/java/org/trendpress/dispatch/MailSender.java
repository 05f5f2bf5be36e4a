package org.trendpress.dispatch;

import jakarta.mail.internet.MimeMessage;

/** Hands composed messages to an SMTP relay or an outbox folder. Implementations are thread-safe. */
public interface MailSender extends AutoCloseable {

    /**
     * Sends one message to its To/Cc/Bcc recipients.
     *
     * @return the message's Message-ID once the relay accepted it
     * @throws MailSendException when the relay refused it or could not be reached
     */
    String send(MimeMessage message) throws MailSendException;

    /** Releases any open connection; the sender may be used again afterwards. */
    @Override
    void close();
}
