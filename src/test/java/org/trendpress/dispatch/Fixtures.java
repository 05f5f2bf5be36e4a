package org.trendpress.dispatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.trendpress.audience.Subscribers;
import org.trendpress.audience.Tokens;
import org.trendpress.render.IssueJson;
import org.trendpress.render.IssueModel;
import org.trendpress.store.Database;

/** A fresh in-memory database with one published issue, and the pieces a Dispatcher needs. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");
    static final String BASE_URL = "http://localhost:8080";

    final Jdbi jdbi;
    final Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Subscribers subscribers;
    final long issueId;

    Fixtures() {
        jdbi = Database.open("jdbc:h2:mem:dispatch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=MONTH", "sa", "").jdbi();
        subscribers = new Subscribers(jdbi, tokens, clock);
        issueId = insertIssue("2026-10");
    }

    long insertIssue(String month) {
        OffsetDateTime t = NOW.atOffset(ZoneOffset.UTC);
        return jdbi.withHandle(h -> {
            long draftId = h.createUpdate("INSERT INTO drafts (month, window_start, window_end, state, created_at, updated_at)"
                            + " VALUES (:month, :t, :t, 'published', :t, :t)")
                    .bind("month", month).bind("t", t)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return h.createUpdate("INSERT INTO issues (draft_id, month, title, summary, content_json, published_at, updated_at)"
                            + " VALUES (:draft, :month, :title, 'Summary', :json, :t, :t)")
                    .bind("draft", draftId).bind("month", month).bind("title", "Trends in AI — " + month)
                    .bind("json", IssueJson.write(issue(month))).bind("t", t)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    static IssueModel issue(String month) {
        return new IssueModel("Trends in AI", month, "October 2026", "Trends in AI — October 2026",
                "Agents, small models and new benchmarks", List.of("Welcome to this month's issue."),
                List.of(new IssueModel.NewsEntry("A lab ships a model", "https://example.org/news/1", "Short text.")),
                List.of(), List.of(), List.of(),
                new IssueModel.Links("https://example.org/issues/" + month, "https://example.org/issues",
                        "https://example.org/feed.xml", "https://example.org/subscribe"),
                NOW);
    }

    /** A stand-in for the real renderer: the unsubscribe URL appears in both bodies. */
    static final IssueMail FAKE_MAIL = (issue, unsubscribeUrl) -> new IssueMail.Rendered(
            issue.title(),
            "<html><body><h1>" + issue.title() + "</h1><p><a href=\"" + unsubscribeUrl + "\">Unsubscribe</a></p></body></html>",
            issue.title() + "\n\nUnsubscribe: " + unsubscribeUrl + "\n");

    static MailSettings smtp(int port) {
        return new MailSettings("127.0.0.1", port, null, null, false, "trends@example.org", "Trends in AI — Editors",
                null, 2000, 2000, 2000);
    }

    static MailSettings outbox(Path dir) {
        return new MailSettings(null, 0, null, null, false, "trends@example.org", "Trends in AI", dir, 2000, 2000, 2000);
    }

    Dispatcher dispatcher(MailSender sender, MailSettings settings) {
        return dispatcher(sender, settings, clock);
    }

    Dispatcher dispatcher(MailSender sender, MailSettings settings, Clock clock) {
        return new Dispatcher(jdbi, subscribers, FAKE_MAIL, sender, BASE_URL, settings, clock);
    }

    List<String> deliveryStates() {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM deliveries ORDER BY id").mapTo(String.class).list());
    }
}
