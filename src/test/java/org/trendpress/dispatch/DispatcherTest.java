package org.trendpress.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.audience.Subscriber;

class DispatcherTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private Fixtures fx;
    private Subscriber ada;
    private Subscriber bob;

    @BeforeEach
    void setUp() {
        fx = new Fixtures();
        ada = fx.subscribers.addConfirmed("ada@example.com");
        bob = fx.subscribers.addConfirmed("bob@example.net");
        fx.subscribers.subscribe("pending@example.com");
        Subscriber gone = fx.subscribers.addConfirmed("gone@example.com");
        fx.subscribers.unsubscribe(fx.subscribers.unsubscribeToken(gone));
    }

    private MailSettings smtp() {
        return Fixtures.smtp(greenMail.getSmtp().getPort());
    }

    @Test
    void sendsOnceToEachConfirmedSubscriber() throws Exception {
        try (MailSender sender = new SmtpMailSender(smtp())) {
            DispatchReport report = fx.dispatcher(sender, smtp()).dispatch(fx.issueId);
            assertThat(report).isEqualTo(new DispatchReport(2, 0, 0));
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        Map<String, MimeMessage> byRecipient = Stream.of(received).collect(Collectors.toMap(
                m -> first(m, Message.RecipientType.TO), m -> m));
        assertThat(byRecipient).containsOnlyKeys("ada@example.com", "bob@example.net");
        for (Subscriber s : List.of(ada, bob)) {
            MimeMessage m = byRecipient.get(s.email());
            String url = Fixtures.BASE_URL + "/unsubscribe?token=" + fx.subscribers.unsubscribeToken(s);
            assertThat(m.getContentType()).startsWith("multipart/alternative");
            MimeMultipart mp = (MimeMultipart) m.getContent();
            assertThat(mp.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(mp.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat((String) mp.getBodyPart(0).getContent()).contains(url);
            assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<" + url + ">");
            assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(m.getSubject()).isEqualTo("Trends in AI — October 2026");
            assertThat(m.getMessageID()).isEqualTo("<issue-" + fx.issueId + ".subscriber-" + s.id() + "@example.org>");
        }
        assertThat(fx.deliveryStates()).containsExactly("accepted", "accepted");
        List<String> messageIds = fx.jdbi.withHandle(h -> h.createQuery("SELECT message_id FROM deliveries ORDER BY id")
                .mapTo(String.class).list());
        assertThat(messageIds).allMatch(id -> id.startsWith("<issue-"));

        try (MailSender sender = new SmtpMailSender(smtp())) {
            DispatchReport again = fx.dispatcher(sender, smtp()).dispatch(fx.issueId);
            assertThat(again).isEqualTo(new DispatchReport(0, 0, 2));
        }
        assertThat(greenMail.getReceivedMessages()).as("a second dispatch sends nothing").hasSize(2);
    }

    @Test
    void failingRelayMarksDeliveriesFailedAndALaterRunSendsThem() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        MailSettings broken = Fixtures.smtp(closedPort);
        try (MailSender sender = new SmtpMailSender(broken)) {
            DispatchReport report = fx.dispatcher(sender, broken).dispatch(fx.issueId);
            assertThat(report).isEqualTo(new DispatchReport(0, 2, 0));
        }
        assertThat(fx.deliveryStates()).containsExactly("failed", "failed");
        List<Map<String, Object>> rows = fx.jdbi.withHandle(h -> h.createQuery(
                "SELECT attempts, last_error FROM deliveries ORDER BY id").mapToMap().list());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("attempts")).isEqualTo(1);
            assertThat((String) r.get("last_error")).contains(String.valueOf(closedPort));
        });
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        try (MailSender sender = new SmtpMailSender(smtp())) {
            assertThat(fx.dispatcher(sender, smtp()).dispatch(fx.issueId)).isEqualTo(new DispatchReport(2, 0, 0));
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(fx.deliveryStates()).containsExactly("accepted", "accepted");
        int cleared = fx.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deliveries WHERE last_error IS NULL")
                .mapTo(Integer.class).one());
        assertThat(cleared).isEqualTo(2);
    }

    @Test
    void oneFailingRecipientDoesNotStopTheOthersAndAttemptsAreLimited() {
        MailSender flaky = new MailSender() {
            @Override
            public String send(MimeMessage message) throws MailSendException {
                try {
                    if (first(message, Message.RecipientType.TO).startsWith("ada")) {
                        throw new MailSendException("550 mailbox unavailable", null);
                    }
                    return message.getMessageID();
                } catch (jakarta.mail.MessagingException e) {
                    throw new MailSendException(e.getMessage(), e);
                }
            }

            @Override
            public void close() {}
        };
        Dispatcher d = fx.dispatcher(flaky, smtp());
        assertThat(d.dispatch(fx.issueId)).isEqualTo(new DispatchReport(1, 1, 0));
        assertThat(d.dispatch(fx.issueId)).isEqualTo(new DispatchReport(0, 1, 1));
        assertThat(d.dispatch(fx.issueId)).isEqualTo(new DispatchReport(0, 1, 1));
        assertThat(d.dispatch(fx.issueId)).as("out of attempts").isEqualTo(new DispatchReport(0, 0, 2));
        assertThat(fx.deliveryStates()).containsExactly("failed", "accepted");
    }

    @Test
    void unsubscribedBeforeSendingIsCancelledAndNewConfirmedAreAdded() {
        // create the deliveries without sending anything: every send fails once
        MailSender failing = new MailSender() {
            @Override
            public String send(MimeMessage message) throws MailSendException {
                throw new MailSendException("relay down", null);
            }

            @Override
            public void close() {}
        };
        fx.dispatcher(failing, smtp()).dispatch(fx.issueId);
        fx.subscribers.unsubscribe(fx.subscribers.unsubscribeToken(bob));
        Subscriber carol = fx.subscribers.addConfirmed("carol@example.org");
        try (MailSender sender = new SmtpMailSender(smtp())) {
            assertThat(fx.dispatcher(sender, smtp()).dispatch(fx.issueId)).isEqualTo(new DispatchReport(2, 0, 1));
        }
        assertThat(Stream.of(greenMail.getReceivedMessages()).map(m -> first(m, Message.RecipientType.TO)))
                .containsExactlyInAnyOrder("ada@example.com", carol.email());
        assertThat(fx.deliveryStates()).containsExactly("accepted", "cancelled", "accepted");
    }

    @Test
    void deliveryLeftSendingByACrashIsResumedOnlyOnceStale() throws Exception {
        try (MailSender sender = new SmtpMailSender(smtp())) {
            fx.dispatcher(sender, smtp()).dispatch(fx.issueId);
        }
        // simulate a crash between claim and result for Bob
        fx.jdbi.useHandle(h -> h.createUpdate("UPDATE deliveries SET state = 'sending', updated_at = :t"
                        + " WHERE subscriber_id = :id")
                .bind("t", Fixtures.NOW.atOffset(ZoneOffset.UTC)).bind("id", bob.id()).execute());
        try (MailSender sender = new SmtpMailSender(smtp())) {
            assertThat(fx.dispatcher(sender, smtp()).dispatch(fx.issueId))
                    .as("may still be in flight").isEqualTo(new DispatchReport(0, 0, 2));
            Clock later = Clock.fixed(Fixtures.NOW.plus(Dispatcher.STALE_SENDING).plusSeconds(1), ZoneOffset.UTC);
            assertThat(fx.dispatcher(sender, smtp(), later).dispatch(fx.issueId))
                    .isEqualTo(new DispatchReport(1, 0, 1));
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3);
        List<String> bobIds = Stream.of(received).filter(m -> first(m, Message.RecipientType.TO).equals(bob.email()))
                .map(DispatcherTest::messageId).toList();
        assertThat(bobIds).hasSize(2);
        assertThat(bobIds.get(1)).as("the resend keeps its Message-ID").isEqualTo(bobIds.get(0));
        assertThat(fx.deliveryStates()).containsExactly("accepted", "accepted");
    }

    @Test
    void outboxWritesOneParsableEmlPerConfirmedSubscriber(@TempDir Path dir) throws Exception {
        MailSettings settings = Fixtures.outbox(dir);
        try (MailSender sender = MailSenders.create(settings)) {
            assertThat(sender).isInstanceOf(OutboxMailSender.class);
            assertThat(fx.dispatcher(sender, settings).dispatch(fx.issueId)).isEqualTo(new DispatchReport(2, 0, 0));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("1-ada@example.com.eml", "2-bob@example.net.eml");
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                assertThat(m.getContentType()).startsWith("multipart/alternative");
                assertThat(m.getHeader("List-Unsubscribe", null)).startsWith("<" + Fixtures.BASE_URL + "/unsubscribe?token=");
                assertThat(file.getFileName().toString()).contains(first(m, Message.RecipientType.TO));
            }
        }
    }

    @Test
    void unknownIssueIsATypedError() {
        try (MailSender sender = new SmtpMailSender(smtp())) {
            assertThatThrownBy(() -> fx.dispatcher(sender, smtp()).dispatch(999_999))
                    .isInstanceOf(DispatchException.class).hasMessageContaining("999999");
        }
    }

    @Test
    void senderFactoryPicksSmtpWhenAHostIsSet() {
        try (MailSender sender = MailSenders.create(smtp())) {
            assertThat(sender).isInstanceOf(SmtpMailSender.class);
        }
    }

    private static String first(MimeMessage m, Message.RecipientType type) {
        try {
            return m.getRecipients(type)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
