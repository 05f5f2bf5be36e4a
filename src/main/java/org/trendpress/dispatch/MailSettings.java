package org.trendpress.dispatch;

import java.nio.file.Path;

/**
 * How mail leaves the application.
 *
 * @param smtpHost         SMTP relay host; null or blank means no SMTP: messages go to {@code outboxDir}
 * @param smtpPort         SMTP relay port (587 for submission with STARTTLS, 25 for a local relay)
 * @param username         SMTP AUTH user; null or blank means no authentication
 * @param password         SMTP AUTH password (a secret: never log it)
 * @param startTls         require STARTTLS before authenticating and sending
 * @param fromAddress      the From address, e.g. {@code trends@example.org}
 * @param fromName         the From display name, e.g. "Trends in AI"
 * @param outboxDir        where {@link OutboxMailSender} writes {@code .eml} files
 * @param connectTimeoutMs SMTP connect timeout
 * @param readTimeoutMs    SMTP read timeout (a silent server otherwise blocks forever)
 * @param writeTimeoutMs   SMTP write timeout
 */
public record MailSettings(
        String smtpHost,
        int smtpPort,
        String username,
        String password,
        boolean startTls,
        String fromAddress,
        String fromName,
        Path outboxDir,
        int connectTimeoutMs,
        int readTimeoutMs,
        int writeTimeoutMs) {

    public MailSettings {
        if (fromAddress == null || fromAddress.isBlank()) {
            throw new IllegalArgumentException("mail settings need a from address");
        }
        if (connectTimeoutMs <= 0 || readTimeoutMs <= 0 || writeTimeoutMs <= 0) {
            throw new IllegalArgumentException("mail timeouts must be positive");
        }
    }

    /** True when a relay is configured; false means messages go to the outbox. */
    public boolean smtpEnabled() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    /** True when SMTP AUTH is configured. */
    public boolean authEnabled() {
        return username != null && !username.isBlank();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "MailSettings[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", username=" + username
                + ", password=" + (password == null || password.isEmpty() ? "" : "****") + ", startTls=" + startTls
                + ", fromAddress=" + fromAddress + ", fromName=" + fromName + ", outboxDir=" + outboxDir
                + ", connectTimeoutMs=" + connectTimeoutMs + ", readTimeoutMs=" + readTimeoutMs
                + ", writeTimeoutMs=" + writeTimeoutMs + "]";
    }
}
