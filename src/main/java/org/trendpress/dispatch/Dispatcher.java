package org.trendpress.dispatch;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.audience.Subscriber;
import org.trendpress.audience.SubscriberState;
import org.trendpress.audience.Subscribers;
import org.trendpress.render.IssueJson;
import org.trendpress.render.IssueModel;

/**
 * Sends one Issue to every confirmed Subscriber, resuming from what the database says.
 *
 * <p>A run first adds a pending Delivery for every confirmed subscriber who has none for this
 * issue, then works through the issue's deliveries: each one it may send is claimed (a
 * conditional update to {@code sending}, counting the attempt), composed with the reader's own
 * unsubscribe link, sent, and recorded as {@code accepted} (with its Message-ID) or {@code failed}
 * (with the error). One failing recipient never stops the others. Accepted deliveries are never
 * sent again, so running the dispatch twice sends nothing the second time.
 *
 * <p>A delivery left in {@code sending} by a crash is resumed once it is older than
 * {@link #STALE_SENDING} (younger ones may belong to a run still in progress). Whether the relay
 * accepted it before the crash is unknown, so it may reach the reader twice; it carries the same
 * Message-ID both times. Delivery states: pending, sending, accepted, failed, cancelled (the
 * subscriber left before their delivery was sent); bounces are recorded elsewhere.
 */
public final class Dispatcher {

    static final int MAX_ATTEMPTS = 3;
    static final Duration STALE_SENDING = Duration.ofMinutes(15);
    private static final int BATCH = 200;
    private static final int MAX_ERROR_CHARS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Jdbi jdbi;
    private final Subscribers subscribers;
    private final IssueMail issueMail;
    private final MailSender sender;
    private final String baseUrl;
    private final MailComposer composer;
    private final Clock clock;

    public Dispatcher(Jdbi jdbi, Subscribers subscribers, IssueMail issueMail, MailSender sender, String baseUrl,
            MailSettings settings, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.issueMail = Objects.requireNonNull(issueMail, "issueMail");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.baseUrl = checkBaseUrl(baseUrl);
        this.composer = new MailComposer(Objects.requireNonNull(settings, "settings"));
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!this.baseUrl.startsWith("https://")) {
            LOG.warn("dispatch.config.insecure-base-url base_url={} note=\"one-click unsubscribe (RFC 8058) needs https\"",
                    this.baseUrl);
        }
    }

    /**
     * Sends the issue to every confirmed subscriber who has not had it yet.
     *
     * @throws DispatchException when the issue does not exist or its content cannot be read
     */
    public DispatchReport dispatch(long issueId) {
        Issue issue = loadIssue(issueId);
        int created = createDeliveries(issueId);
        LOG.info("dispatch.started issue={} issue_id={} new_deliveries={}", issue.month(), issueId, created);
        int accepted = 0;
        int failed = 0;
        int skipped = 0;
        long after = 0;
        while (true) {
            List<Row> batch = nextBatch(issueId, after);
            if (batch.isEmpty()) {
                break;
            }
            for (Row row : batch) {
                switch (process(issue, row)) {
                    case ACCEPTED -> accepted++;
                    case FAILED -> failed++;
                    case SKIPPED -> skipped++;
                }
                after = row.deliveryId();
            }
        }
        LOG.info("dispatch.finished issue={} accepted={} failed={} skipped={}", issue.month(), accepted, failed, skipped);
        return new DispatchReport(accepted, failed, skipped);
    }

    private enum Outcome { ACCEPTED, FAILED, SKIPPED }

    private record Issue(long id, String month, IssueModel model) {}

    private record Row(long deliveryId, String state, int attempts, Instant updatedAt, long subscriberId,
            String email, SubscriberState subscriberState, Instant subscriberCreatedAt) {}

    private Outcome process(Issue issue, Row row) {
        Instant now = clock.instant();
        boolean sendable = switch (row.state()) {
            case "pending" -> true;
            case "failed" -> row.attempts() < MAX_ATTEMPTS;
            case "sending" -> row.attempts() < MAX_ATTEMPTS
                    && (row.updatedAt() == null || !row.updatedAt().isAfter(now.minus(STALE_SENDING)));
            default -> false; // accepted, bounced, cancelled
        };
        if (!sendable) {
            return Outcome.SKIPPED;
        }
        if (row.subscriberState() != SubscriberState.CONFIRMED) {
            cancel(issue, row, now);
            return Outcome.SKIPPED;
        }
        String messageId = composer.messageId(issue.id(), row.subscriberId());
        if (!claim(row, messageId, now)) {
            return Outcome.SKIPPED; // another run took it
        }
        if (row.state().equals("sending")) {
            LOG.warn("dispatch.delivery.resumed issue={} subscriber={} attempt={}", issue.month(), row.subscriberId(),
                    row.attempts() + 1);
        }
        Subscriber subscriber = new Subscriber(row.subscriberId(), row.email(), row.subscriberState(),
                row.subscriberCreatedAt());
        try {
            String unsubscribeUrl = baseUrl + "/unsubscribe?token=" + subscribers.unsubscribeToken(subscriber);
            IssueMail.Rendered rendered = issueMail.render(issue.model(), unsubscribeUrl);
            MimeMessage message = composer.compose(row.email(), issue.model().newsletterName(), rendered,
                    unsubscribeUrl, messageId, now);
            String sentId = sender.send(message);
            markAccepted(row, sentId == null ? messageId : sentId);
            LOG.debug("dispatch.delivery.accepted issue={} subscriber={}", issue.month(), row.subscriberId());
            return Outcome.ACCEPTED;
        } catch (Exception e) { // one recipient's failure, whatever it is, never stops the others
            String error = errorText(e);
            markFailed(row, error);
            LOG.warn("dispatch.delivery.failed issue={} subscriber={} attempt={} error=\"{}\"", issue.month(),
                    row.subscriberId(), row.attempts() + 1, error.replace('"', '\''));
            return Outcome.FAILED;
        }
    }

    private Issue loadIssue(long issueId) {
        record IssueRow(String month, String json) {}
        IssueRow row = jdbi.withHandle(h -> h.createQuery("SELECT month, content_json FROM issues WHERE id = :id")
                        .bind("id", issueId)
                        .map((rs, ctx) -> new IssueRow(rs.getString("month"), rs.getString("content_json")))
                        .findOne())
                .orElseThrow(() -> new DispatchException("issue " + issueId + " does not exist"));
        try {
            return new Issue(issueId, row.month(), IssueJson.read(row.json()));
        } catch (IllegalArgumentException e) {
            throw new DispatchException("issue " + row.month() + " has unreadable content: " + e.getMessage(), e);
        }
    }

    /** Adds a pending delivery for each confirmed subscriber without one; returns how many. */
    private int createDeliveries(long issueId) {
        String sql = "INSERT INTO deliveries (issue_id, subscriber_id, state, attempts, updated_at)"
                + " SELECT :issue, s.id, 'pending', 0, :now FROM subscribers s"
                + " WHERE s.state = 'confirmed' AND NOT EXISTS"
                + " (SELECT 1 FROM deliveries d WHERE d.issue_id = :issue AND d.subscriber_id = s.id)";
        try {
            return insertDeliveries(sql, issueId);
        } catch (UnableToExecuteStatementException e) {
            // a concurrent run inserted some of the same rows first; the second pass sees them
            return insertDeliveries(sql, issueId);
        }
    }

    private int insertDeliveries(String sql, long issueId) {
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("issue", issueId).bind("now", utc(clock.instant())).execute());
    }

    private List<Row> nextBatch(long issueId, long after) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT d.id, d.state, d.attempts, d.updated_at, s.id AS sid, s.email, s.state AS sstate,"
                                + " s.created_at FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id"
                                + " WHERE d.issue_id = :issue AND d.id > :after ORDER BY d.id LIMIT " + BATCH)
                .bind("issue", issueId)
                .bind("after", after)
                .map(Dispatcher::mapRow)
                .list());
    }

    private static Row mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("state").toLowerCase(Locale.ROOT), rs.getInt("attempts"),
                instant(rs.getObject("updated_at", OffsetDateTime.class)), rs.getLong("sid"), rs.getString("email"),
                SubscriberState.fromDb(rs.getString("sstate")),
                instant(rs.getObject("created_at", OffsetDateTime.class)));
    }

    private boolean claim(Row row, String messageId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, message_id = :mid,"
                                + " updated_at = :now WHERE id = :id AND state = :state AND attempts = :attempts")
                .bind("mid", messageId)
                .bind("now", utc(now))
                .bind("id", row.deliveryId())
                .bind("state", row.state())
                .bind("attempts", row.attempts())
                .execute()) == 1;
    }

    private void markAccepted(Row row, String messageId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deliveries SET state = 'accepted', message_id = :mid,"
                        + " last_error = NULL, updated_at = :now WHERE id = :id AND state = 'sending'")
                .bind("mid", messageId)
                .bind("now", utc(clock.instant()))
                .bind("id", row.deliveryId())
                .execute());
    }

    private void markFailed(Row row, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deliveries SET state = 'failed', last_error = :error,"
                        + " updated_at = :now WHERE id = :id AND state = 'sending'")
                .bind("error", error)
                .bind("now", utc(clock.instant()))
                .bind("id", row.deliveryId())
                .execute());
    }

    private void cancel(Issue issue, Row row, Instant now) {
        int changed = jdbi.withHandle(h -> h.createUpdate("UPDATE deliveries SET state = 'cancelled', updated_at = :now"
                        + " WHERE id = :id AND state = :state AND attempts = :attempts")
                .bind("now", utc(now))
                .bind("id", row.deliveryId())
                .bind("state", row.state())
                .bind("attempts", row.attempts())
                .execute());
        if (changed == 1) {
            LOG.info("dispatch.delivery.cancelled issue={} subscriber={} subscriber_state={}", issue.month(),
                    row.subscriberId(), row.subscriberState().dbValue());
        }
    }

    private static String errorText(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!(e instanceof MailSendException)) {
            text = e.getClass().getSimpleName() + ": " + text;
        }
        text = text.replaceAll("[\\r\\n]+", " ").strip();
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text;
    }

    private static String checkBaseUrl(String baseUrl) {
        if (baseUrl == null) {
            throw new IllegalArgumentException("base URL is missing");
        }
        String url = baseUrl.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !url.matches("[\\x21-\\x7e&&[^<>\"\\\\]]+")) {
                throw new IllegalArgumentException("base URL must be a plain http(s) URL without query: " + baseUrl);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base URL is not a URL: " + baseUrl, e);
        }
        return url;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Argument utc(Instant instant) {
        return (position, statement, ctx) -> {
            if (instant == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
            }
        };
    }
}
