package org.trendpress.dispatch;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Properties;

/** Service mails (the double opt-in confirmation): one plain-text part, no tracking. */
public final class ServiceMail {

    private ServiceMail() {}

    /**
     * A plain-text message from the newsletter's sender. {@code to} must already be a validated
     * address; the subject is stripped of line breaks so it cannot add a header.
     */
    public static MimeMessage compose(MailSettings settings, String to, String subject, String text) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress(settings.fromAddress(), settings.fromName(), "UTF-8"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            m.setSubject(subject.replaceAll("[\\r\\n]+", " "), "UTF-8");
            m.setSentDate(new Date());
            m.setText(text, "UTF-8");
            m.saveChanges();
            return m;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("cannot compose mail to " + to + ": " + e.getMessage(), e);
        }
    }
}
