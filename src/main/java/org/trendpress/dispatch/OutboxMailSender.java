package org.trendpress.dispatch;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes each message as {@code <n>-<recipient>.eml} into a folder instead of sending it (development,
 * demos, or no relay configured). The number continues after the highest one already in the folder;
 * the recipient part of the name is reduced to {@code [a-z0-9._@-]}, so no address can climb out
 * of the folder or name a special file. Files appear complete (written aside, then moved).
 */
public final class OutboxMailSender implements MailSender {

    private static final Pattern NUMBERED = Pattern.compile("(\\d{1,18})-.*\\.eml");
    private static final int MAX_NAME_PART = 80;

    private final Path dir;
    private final AtomicLong counter;

    public OutboxMailSender(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create outbox " + this.dir + ": " + e.getMessage(), e);
        }
        this.counter = new AtomicLong(highestNumber(this.dir));
    }

    @Override
    public String send(MimeMessage message) throws MailSendException {
        try {
            message.saveChanges();
            Address[] recipients = message.getAllRecipients();
            if (recipients == null || recipients.length == 0) {
                throw new MailSendException("message has no recipients", null);
            }
            String name = counter.incrementAndGet() + "-" + sanitise(recipients[0]) + ".eml";
            Path target = dir.resolve(name);
            Path tmp = Files.createTempFile(dir, ".outbox-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                message.writeTo(out);
            } catch (IOException | MessagingException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return message.getMessageID();
        } catch (IOException | MessagingException e) {
            throw new MailSendException("cannot write to outbox " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }

    static String sanitise(Address recipient) {
        String raw = recipient instanceof InternetAddress ia && ia.getAddress() != null
                ? ia.getAddress() : String.valueOf(recipient);
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@-]", "_").replaceAll("\\.{2,}", "_");
        s = s.replaceAll("^[.-]+", "");
        if (s.length() > MAX_NAME_PART) {
            s = s.substring(0, MAX_NAME_PART);
        }
        return s.isEmpty() ? "recipient" : s;
    }

    private static long highestNumber(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> NUMBERED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1)))
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read outbox " + dir + ": " + e.getMessage(), e);
        }
    }
}
