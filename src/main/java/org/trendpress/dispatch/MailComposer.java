package org.trendpress.dispatch;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Builds an issue email: multipart/alternative (text/plain, then text/html, both UTF-8
 * quoted-printable), From with an encoded display name, To, an encoded Subject, Date, a stable
 * Message-ID, List-Id, List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058). No
 * tracking pixel, no tracking links. No text from the issue or the subscriber reaches a header
 * unchecked: CR, LF and other control characters are folded to spaces, addresses are parsed
 * strictly, URLs must be plain http(s) without spaces or angle brackets.
 */
final class MailComposer {

    private static final Pattern HTTP_URL = Pattern.compile("https?://[\\x21-\\x7e&&[^<>\"\\\\]]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    private final Session session = Session.getInstance(new Properties());
    private final InternetAddress from;
    private final String domain;

    MailComposer(MailSettings settings) {
        try {
            InternetAddress address = new InternetAddress(settings.fromAddress(), true);
            address.validate();
            if (address.getPersonal() != null || !address.getAddress().equals(settings.fromAddress().strip())) {
                throw new IllegalArgumentException("from address must be a plain address: " + settings.fromAddress());
            }
            String name = settings.fromName() == null ? null : headerText(settings.fromName());
            this.from = new InternetAddress(address.getAddress(), name == null || name.isEmpty() ? null : name, "UTF-8");
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("bad from address " + settings.fromAddress() + ": " + e.getMessage(), e);
        }
        String address = from.getAddress();
        this.domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The From domain; Message-IDs and the List-Id live under it. */
    String domain() {
        return domain;
    }

    /** The Message-ID of one Issue to one Subscriber: the same on every attempt, so a resend can be recognised. */
    String messageId(long issueId, long subscriberId) {
        return "<issue-" + issueId + ".subscriber-" + subscriberId + "@" + domain + ">";
    }

    /**
     * @param to             the recipient's address
     * @param listName       the newsletter's name, e.g. "Trends in AI"
     * @param rendered       subject and bodies
     * @param unsubscribeUrl this recipient's one-click unsubscribe URL
     * @param messageId      the Message-ID, angle brackets included
     * @param date           the Date header
     */
    MimeMessage compose(String to, String listName, IssueMail.Rendered rendered, String unsubscribeUrl,
            String messageId, Instant date) throws MessagingException {
        if (rendered == null || rendered.text() == null || rendered.html() == null) {
            throw new IllegalArgumentException("rendered email needs a text and an HTML body");
        }
        if (unsubscribeUrl == null || !HTTP_URL.matcher(unsubscribeUrl).matches()) {
            throw new IllegalArgumentException("unsubscribe URL must be a plain http(s) URL: " + unsubscribeUrl);
        }
        if (messageId == null || !messageId.matches("<[\\x21-\\x7e&&[^<>]]+@[a-z0-9.-]+>")) {
            throw new IllegalArgumentException("bad Message-ID: " + messageId);
        }
        InternetAddress recipient = new InternetAddress(to, true);
        recipient.validate();
        if (recipient.getPersonal() != null || recipient.isGroup()) {
            throw new AddressException("recipient must be a plain address", to);
        }

        MimeMessage message = new StableIdMessage(session, messageId);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, recipient);
        message.setSubject(headerText(rendered.subject()), "UTF-8");
        message.setSentDate(Date.from(date));
        message.setHeader("List-Id", listId(listName));
        message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(rendered.text(), "plain")); // least preferred first (RFC 2046)
        if (rendered.inline().isEmpty()) {
            alternative.addBodyPart(part(rendered.html(), "html"));
        } else {
            // multipart/related (RFC 2387): the HTML first, then the images it names as cid:...
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(base64Part(rendered.html(), "html"));
            for (IssueMail.Inline image : rendered.inline()) {
                related.addBodyPart(inlinePart(image));
            }
            MimeBodyPart wrapper = new MimeBodyPart();
            wrapper.setContent(related);
            alternative.addBodyPart(wrapper);
        }
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** {@code Trends in AI <trends-in-ai.example.org>} */
    String listId(String listName) {
        String phrase = listName == null ? "" : headerText(listName).replaceAll("[^A-Za-z0-9 -]", "").strip();
        String slug = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            slug = "newsletter";
        }
        return (phrase.isEmpty() ? "" : phrase + " ") + "<" + slug + "." + domain + ">";
    }

    /** Header-safe text: control characters (CR, LF, tab, ...) become one space. */
    static String headerText(String value) {
        if (value == null) {
            return "";
        }
        return CONTROL.matcher(value).replaceAll(" ").strip();
    }

    /**
     * A UTF-8 text part Base64-encoded by the JDK in one pass: for the large HTML body of an issue
     * with a chart, several times cheaper to write than Jakarta Mail's quoted-printable stream.
     */
    private static MimeBodyPart base64Part(String body, String subtype) throws MessagingException {
        byte[] encoded = java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
                .encode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MimeBodyPart part = new PreencodedMimeBodyPart("base64");
        part.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(encoded, "text/" + subtype + "; charset=UTF-8")));
        return part;
    }

    private static MimeBodyPart part(String body, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, "UTF-8", subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /** The last inline image encoded, by identity of its bytes (a dispatch run sends one chart to all). */
    private record Encoded(byte[] source, byte[] base64) {}

    private volatile Encoded lastEncoded;

    /** MIME Base64 (76-character lines, CRLF) of {@code bytes}, remembered for the same array. */
    private byte[] base64(byte[] bytes) {
        Encoded e = lastEncoded;
        if (e != null && e.source() == bytes) {
            return e.base64();
        }
        byte[] encoded = java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(bytes);
        lastEncoded = new Encoded(bytes, encoded);
        return encoded;
    }

    private MimeBodyPart inlinePart(IssueMail.Inline image) throws MessagingException {
        if (image.contentId() == null || !image.contentId().matches("[A-Za-z0-9._-]+(@[A-Za-z0-9.-]+)?")) {
            throw new IllegalArgumentException("bad Content-ID: " + image.contentId());
        }
        if (image.mediaType() == null || !image.mediaType().matches("image/[a-z0-9.+-]+")) {
            throw new IllegalArgumentException("inline part must be an image: " + image.mediaType());
        }
        String fileName = image.fileName() == null ? "" : image.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        // the same image goes to every reader: Base64-encoded once, then written as it is
        MimeBodyPart part = new PreencodedMimeBodyPart("base64");
        part.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(base64(image.bytes()), image.mediaType())));
        part.setContentID("<" + image.contentId() + ">");
        part.setDisposition(jakarta.mail.Part.INLINE);
        if (!fileName.isEmpty()) {
            part.setFileName(fileName);
        }
        return part;
    }

    /** A MimeMessage whose Message-ID is ours rather than a fresh random one at every save. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
