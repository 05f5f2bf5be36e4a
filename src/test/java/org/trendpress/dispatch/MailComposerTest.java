package org.trendpress.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailComposerTest {

    private static final MailSettings SETTINGS = new MailSettings("127.0.0.1", 25, null, null, false,
            "trends@example.org", "Trends in AI — Editors", null, 2000, 2000, 2000);

    private static final String UNSUB = "https://trends.example.org/unsubscribe?token=12.abc_DEF-xyz";
    private final MailComposer composer = new MailComposer(SETTINGS);

    private MimeMessage compose(String subject) throws Exception {
        return composer.compose("reader@example.com", "Trends in AI",
                new IssueMail.Rendered(subject, "<p>Héllo</p>", "Héllo"), UNSUB,
                composer.messageId(3, 12), Instant.parse("2026-11-01T09:00:00Z"));
    }

    private static MimeMessage reparse(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void inlineImagesMakeTheHtmlMultipartRelatedWithContentIds() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        MimeMessage m = reparse(composer.compose("reader@example.com", "Trends in AI",
                new IssueMail.Rendered("S", "<p><img src=\"cid:topics\" alt=\"x\"></p>", "text",
                        java.util.List.of(new IssueMail.Inline("topics", "image/png", "topics.png", png))),
                UNSUB, composer.messageId(3, 12), Instant.parse("2026-11-01T09:00:00Z")));
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        assertThat(related.getCount()).isEqualTo(2);
        assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html");
        jakarta.mail.internet.MimeBodyPart image = (jakarta.mail.internet.MimeBodyPart) related.getBodyPart(1);
        assertThat(image.getContentType()).startsWith("image/png");
        assertThat(image.getContentID()).isEqualTo("<topics>");
        assertThat(image.getDisposition()).isEqualTo("inline");
        assertThat(image.getFileName()).isEqualTo("topics.png");
        assertThat(image.getInputStream().readAllBytes()).isEqualTo(png);
        assertThatThrownBy(() -> composer.compose("reader@example.com", "Trends in AI",
                new IssueMail.Rendered("S", "<p></p>", "t", java.util.List.of(
                        new IssueMail.Inline("bad>\r\nX: y", "image/png", "x.png", png))),
                UNSUB, composer.messageId(3, 12), Instant.parse("2026-11-01T09:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIssueEmailIsRenderedOncePerIssueAndPersonalisedPerReader() throws Exception {
        org.trendpress.render.Renderer renderer = new org.trendpress.render.Renderer(java.nio.file.Path.of("templates"));
        TemplateIssueMail mail = new TemplateIssueMail(renderer);
        org.trendpress.render.IssueModel issue = Fixtures.issue("2026-10").withTopicTrend(
                new org.trendpress.render.TopicTrend("October 2026", null, 2, 0,
                        java.util.List.of(new org.trendpress.render.TopicTrend.TopicShare("Language", 2, 0))));
        IssueMail.Rendered a = mail.render(issue, UNSUB);
        IssueMail.Rendered b = mail.render(issue, "https://trends.example.org/unsubscribe?token=other");
        assertThat(mail.template(issue)).isSameAs(mail.template(issue));
        assertThat(a.html()).isEqualTo(renderer.emailHtml(issue, UNSUB)).contains("cid:topics");
        assertThat(b.text()).isEqualTo(renderer.emailText(issue, "https://trends.example.org/unsubscribe?token=other"));
        assertThat(a.inline()).singleElement().satisfies(i -> {
            assertThat(i.contentId()).isEqualTo("topics");
            assertThat(i.bytes()).isEqualTo(renderer.chartPng(issue));
        });
        assertThat(mail.render(Fixtures.issue("2026-10"), UNSUB).inline()).isEmpty();
    }

    @Test
    void multipartAlternativeTextThenHtml() throws Exception {
        MimeMessage m = reparse(compose("Trends in AI — October 2026"));
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        assertThat(mp.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(mp.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
        assertThat(mp.getBodyPart(0).getContent()).isEqualTo("Héllo");
        assertThat(mp.getBodyPart(1).getContent()).isEqualTo("<p>Héllo</p>");
        assertThat(m.getSubject()).isEqualTo("Trends in AI — October 2026");
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("trends@example.org");
        assertThat(from.getPersonal()).isEqualTo("Trends in AI — Editors");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("reader@example.com");
        assertThat(m.getSentDate()).isEqualTo(java.util.Date.from(Instant.parse("2026-11-01T09:00:00Z")));
    }

    @Test
    void listHeadersAndStableMessageId() throws Exception {
        MimeMessage m = reparse(compose("S"));
        assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<" + UNSUB + ">");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getHeader("List-Id", null)).isEqualTo("Trends in AI <trends-in-ai.example.org>");
        assertThat(m.getMessageID()).isEqualTo("<issue-3.subscriber-12@example.org>");
        assertThat(reparse(compose("S")).getMessageID()).as("same on every attempt").isEqualTo(m.getMessageID());
    }

    @Test
    void subjectWithCrLfCannotInjectHeaders() throws Exception {
        MimeMessage composed = compose("Hello\r\nBcc: evil@attacker.example\r\n\r\n<h1>body</h1>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        composed.writeTo(out);
        String raw = out.toString(StandardCharsets.ISO_8859_1);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers).doesNotContainPattern("(?im)^Bcc:");
        MimeMessage m = reparse(composed);
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getRecipients(jakarta.mail.Message.RecipientType.BCC)).isNull();
        assertThat(m.getSubject()).doesNotContain("\r").doesNotContain("\n").startsWith("Hello");
        assertThat(m.getAllRecipients()).hasSize(1);
    }

    @Test
    void unsafeRecipientsAndUrlsAreRefused() {
        IssueMail.Rendered r = new IssueMail.Rendered("S", "<p>h</p>", "t");
        Instant t = Instant.now();
        String id = composer.messageId(1, 1);
        assertThatThrownBy(() -> composer.compose("a@b.example\r\nBcc: x@y.example", "L", r, UNSUB, id, t))
                .isInstanceOf(jakarta.mail.MessagingException.class);
        assertThatThrownBy(() -> composer.compose("A <a@b.example>", "L", r, UNSUB, id, t))
                .isInstanceOf(jakarta.mail.MessagingException.class);
        assertThatThrownBy(() -> composer.compose("a@b.example", "L", r, "https://x.example/u>\r\nBcc: y@z", id, t))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> composer.compose("a@b.example", "L", r, "javascript:alert(1)", id, t))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromNameWithCrLfIsFolded() throws Exception {
        MailSettings s = new MailSettings(null, 0, null, null, false, "trends@example.org",
                "Trends\r\nBcc: evil@attacker.example", null, 1, 1, 1);
        MimeMessage m = reparse(new MailComposer(s).compose("reader@example.com", "L",
                new IssueMail.Rendered("S", "h", "t"), UNSUB, "<x@example.org>", Instant.now()));
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Trends Bcc: evil@attacker.example");
    }
}
