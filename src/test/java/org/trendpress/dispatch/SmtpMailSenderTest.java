package org.trendpress.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** Records every socket Angus asks it for. */
    static final class RecordingFactory extends NoDelaySocketFactory {
        final List<Socket> sockets = new ArrayList<>();

        @Override
        public Socket createSocket() throws IOException {
            Socket s = super.createSocket();
            sockets.add(s);
            return s;
        }
    }

    private static MailSettings settings(int port) {
        return new MailSettings("127.0.0.1", port, null, null, false, "trends@example.org", "Trends in AI", null,
                2000, 2000, 2000);
    }

    private static MimeMessage message(String to) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("trends@example.org"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("s");
        m.setText("body");
        return m;
    }

    @Test
    void oneNoDelayConnectionIsReusedAcrossSends() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        try (SmtpMailSender sender = new SmtpMailSender(settings(greenMail.getSmtp().getPort()), factory)) {
            for (int i = 0; i < 3; i++) {
                assertThat(sender.send(message("r" + i + "@example.com"))).startsWith("<");
            }
            assertThat(factory.sockets).as("Angus used our factory, once").hasSize(1);
            assertThat(factory.sockets.get(0).getTcpNoDelay()).isTrue();
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void reconnectsAfterTheConnectionIsClosed() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        try (SmtpMailSender sender = new SmtpMailSender(settings(greenMail.getSmtp().getPort()), factory)) {
            sender.send(message("a@example.com"));
            sender.close();
            sender.send(message("b@example.com"));
            assertThat(factory.sockets).hasSize(2);
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void unreachableRelayIsAMailSendException() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (SmtpMailSender sender = new SmtpMailSender(settings(port))) {
            assertThatThrownBy(() -> sender.send(message("a@example.com")))
                    .isInstanceOf(MailSendException.class).hasMessageContaining(String.valueOf(port));
        }
    }
}
