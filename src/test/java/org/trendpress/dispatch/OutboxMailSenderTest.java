package org.trendpress.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxMailSenderTest {

    private static final MailSettings SETTINGS = new MailSettings("127.0.0.1", 25, null, null, false,
            "trends@example.org", "Trends in AI — Editors", null, 2000, 2000, 2000);

    @Test
    void fileNamesCannotBeSteeredByTheAddress(@TempDir Path dir) throws Exception {
        Path outbox = dir.resolve("outbox");
        OutboxMailSender sender = new OutboxMailSender(outbox);
        for (String to : new String[] {"\"../../etc/passwd\"@example.org", "a/b|c&d@example.org", "-rf@example.org"}) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            m.setText("x");
            sender.send(m);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile))
                    .allSatisfy(p -> {
                        assertThat(p.getParent()).isEqualTo(outbox);
                        assertThat(p.getFileName().toString()).matches("\\d+-[a-z0-9._@-]+\\.eml").doesNotContain("..");
                    })
                    .hasSize(3);
        }
        // numbering continues after the files already there
        OutboxMailSender reopened = new OutboxMailSender(outbox);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("z@example.org"));
        m.setText("x");
        reopened.send(m);
        assertThat(outbox.resolve("4-z@example.org.eml")).exists();
    }

    @Test
    void smtpSocketsHaveTcpNoDelay() throws Exception {
        Object factory = SmtpMailSender.properties(SETTINGS).get("mail.smtp.socketFactory");
        assertThat(factory).isInstanceOf(NoDelaySocketFactory.class);
        try (Socket socket = ((NoDelaySocketFactory) factory).createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
        Properties p = SmtpMailSender.properties(SETTINGS);
        assertThat(p.getProperty("mail.smtp.connectiontimeout")).isEqualTo("2000");
        assertThat(p.getProperty("mail.smtp.timeout")).isEqualTo("2000");
        assertThat(p.getProperty("mail.smtp.writetimeout")).isEqualTo("2000");
    }
}
