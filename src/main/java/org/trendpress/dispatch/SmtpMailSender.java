package org.trendpress.dispatch;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through one SMTP connection kept open across messages. A connection that died while idle
 * is noticed (NOOP) and replaced before the next message; after a failed send the connection is
 * dropped and the next message opens a new one. A failed message is never retried here: whether
 * to retry is the caller's decision (the relay may have accepted it before the failure).
 */
public final class SmtpMailSender implements MailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    private final MailSettings settings;
    private final Session session;
    private Transport transport;

    public SmtpMailSender(MailSettings settings) {
        this(settings, new NoDelaySocketFactory());
    }

    /** With another socket factory (tests count connections with it). */
    SmtpMailSender(MailSettings settings, SocketFactory socketFactory) {
        if (!settings.smtpEnabled()) {
            throw new IllegalArgumentException("SMTP sender needs an SMTP host");
        }
        this.settings = settings;
        this.session = Session.getInstance(properties(settings, socketFactory));
    }

    static Properties properties(MailSettings settings) {
        return properties(settings, new NoDelaySocketFactory());
    }

    static Properties properties(MailSettings settings, SocketFactory socketFactory) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", settings.smtpHost());
        p.setProperty("mail.smtp.port", Integer.toString(settings.smtpPort()));
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(settings.connectTimeoutMs()));
        p.setProperty("mail.smtp.timeout", Integer.toString(settings.readTimeoutMs()));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(settings.writeTimeoutMs()));
        p.put("mail.smtp.socketFactory", socketFactory); // an instance: put, not setProperty
        p.setProperty("mail.smtp.socketFactory.fallback", "false");
        p.setProperty("mail.smtp.from", settings.fromAddress());
        if (settings.authEnabled()) {
            p.setProperty("mail.smtp.auth", "true");
        }
        if (settings.startTls()) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public synchronized String send(MimeMessage message) throws MailSendException {
        try {
            message.saveChanges();
            Address[] recipients = message.getAllRecipients();
            if (recipients == null || recipients.length == 0) {
                throw new MailSendException("message has no recipients", null);
            }
            connected().sendMessage(message, recipients);
            return message.getMessageID();
        } catch (MessagingException | RuntimeException e) {
            close();
            throw new MailSendException("SMTP " + settings.smtpHost() + ":" + settings.smtpPort() + " refused: "
                    + describe(e), e);
        }
    }

    private Transport connected() throws MessagingException {
        if (transport != null && !transport.isConnected()) {
            LOG.info("dispatch.smtp.reconnect host={} port={}", settings.smtpHost(), settings.smtpPort());
            close();
        }
        if (transport == null) {
            Transport t = session.getTransport("smtp");
            if (settings.authEnabled()) {
                t.connect(settings.smtpHost(), settings.smtpPort(), settings.username(), settings.password());
            } else {
                t.connect();
            }
            transport = t;
        }
        return transport;
    }

    @Override
    public synchronized void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("dispatch.smtp.close.failed error={}", e.toString());
            }
            transport = null;
        }
    }

    private static String describe(Exception e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        if (cause == null && e instanceof MessagingException me) {
            cause = me.getNextException();
        }
        if (cause != null && cause != e) {
            sb.append(" (").append(cause).append(')');
        }
        return sb.toString().replaceAll("[\\r\\n]+", " ").strip();
    }
}
