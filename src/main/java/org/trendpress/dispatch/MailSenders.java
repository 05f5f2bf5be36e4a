package org.trendpress.dispatch;

/** Picks the {@link MailSender} the settings ask for. */
public final class MailSenders {

    private MailSenders() {}

    /** SMTP when a relay host is configured, otherwise the outbox folder. */
    public static MailSender create(MailSettings settings) {
        if (settings.smtpEnabled()) {
            return new SmtpMailSender(settings);
        }
        if (settings.outboxDir() == null) {
            throw new IllegalArgumentException("mail settings need an SMTP host or an outbox directory");
        }
        return new OutboxMailSender(settings.outboxDir());
    }
}
