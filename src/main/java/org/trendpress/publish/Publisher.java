package org.trendpress.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.curate.Candidate;
import org.trendpress.curate.Draft;
import org.trendpress.curate.Drafts;
import org.trendpress.render.ArchiveEntry;
import org.trendpress.render.IssueJson;
import org.trendpress.render.IssueModel;
import org.trendpress.render.Renderer;
import org.trendpress.render.TopicChart;

/**
 * Turns an approved Draft into a published Issue: freezes its content, renders the web page and
 * email previews into the archive folder, and rewrites the archive index and the archive feed.
 * Re-runnable: publishing a month again re-renders it (a correction) and never duplicates it.
 */
public final class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    static final String INDEX_FILE = "index.html";

    private final Jdbi jdbi;
    private final Drafts drafts;
    private final Renderer renderer;
    private final PublishSettings settings;
    private final Clock clock;
    private final TopicTrends topicTrends;
    /** Publishing, correcting and rewriting the archive go one at a time: they write the same files. */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    public Publisher(Jdbi jdbi, Drafts drafts, Renderer renderer, PublishSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.drafts = drafts;
        this.renderer = renderer;
        this.settings = settings;
        this.clock = clock;
        this.topicTrends = new TopicTrends(jdbi);
    }

    /** A published issue's id and month. */
    public record Published(long issueId, String month, Path folder) {}

    /** Publishes every approved draft whose publish time has come; returns the new issue ids. */
    public List<Long> publishDue() {
        List<Long> ids = new ArrayList<>();
        for (Draft d : drafts.due(clock.instant())) {
            ids.add(publish(d.id()).issueId());
        }
        return ids;
    }

    /** Publishes the draft (approved or already published) now. */
    public Published publish(long draftId) {
        lock.lock();
        try {
            return publishLocked(draftId);
        } finally {
            lock.unlock();
        }
    }

    private Published publishLocked(long draftId) {
        Draft draft = drafts.get(draftId);
        if (draft.isOpen()) {
            throw new PublishException("draft " + draft.month() + " is not approved");
        }
        Instant now = clock.instant();
        Instant publishedAt = jdbi.withHandle(h -> h.createQuery("SELECT published_at FROM issues WHERE month=:m")
                        .bind("m", draft.month()).mapTo(OffsetDateTime.class).findOne())
                .map(OffsetDateTime::toInstant).orElse(now);
        IssueModel fresh = model(draft, drafts.candidates(draftId), publishedAt);
        // the topic trend is frozen at first publication: later papers do not redraw a published chart
        IssueModel issue = jdbi.withHandle(h -> h.createQuery("SELECT content_json FROM issues WHERE month=:m")
                        .bind("m", draft.month()).mapTo(String.class).findOne())
                .map(IssueJson::read).map(IssueModel::topicTrend)
                .map(fresh::withTopicTrend).orElse(fresh);
        Path folder = writeIssue(issue);
        String json = IssueJson.write(issue);
        long issueId = jdbi.inTransaction(h -> {
            int updated = h.createUpdate("UPDATE issues SET title=:t, summary=:s, content_json=:j, updated_at=:now"
                            + " WHERE month=:m")
                    .bind("t", issue.title()).bind("s", issue.summary()).bind("j", json)
                    .bind("now", utc(changedAt(h, draft.month(), json, now)))
                    .bind("m", draft.month()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO issues (draft_id, month, title, summary, content_json, published_at, updated_at)"
                                + " VALUES (:d, :m, :t, :s, :j, :p, :now)")
                        .bind("d", draftId).bind("m", draft.month()).bind("t", issue.title()).bind("s", issue.summary())
                        .bind("j", json).bind("p", utc(publishedAt)).bind("now", utc(now)).execute();
            }
            h.createUpdate("UPDATE drafts SET state='published', updated_at=:now WHERE id=:id")
                    .bind("now", utc(now)).bind("id", draftId).execute();
            // featured works are not suggested again by later drafts: the selected papers, the papers
            // of selected news items (one Paper per work), and every sighting of those papers
            h.createUpdate("UPDATE papers SET featured_in=:m WHERE featured_in IS NULL AND (id IN (SELECT c.paper_id"
                            + " FROM selections s JOIN candidates c ON c.id = s.candidate_id WHERE s.draft_id=:d)"
                            + " OR id IN (SELECT i.paper_id FROM selections s JOIN candidates c ON c.id = s.candidate_id"
                            + " JOIN items i ON i.id = c.item_id WHERE s.draft_id=:d))")
                    .bind("m", draft.month()).bind("d", draftId).execute();
            h.createUpdate("UPDATE items SET featured_in=:m WHERE featured_in IS NULL AND (id IN (SELECT c.item_id"
                            + " FROM selections s JOIN candidates c ON c.id = s.candidate_id WHERE s.draft_id=:d)"
                            + " OR paper_id IN (SELECT id FROM papers WHERE featured_in=:m))")
                    .bind("m", draft.month()).bind("d", draftId).execute();
            return h.createQuery("SELECT id FROM issues WHERE month=:m").bind("m", draft.month())
                    .mapTo(Long.class).one();
        });
        writeArchive();
        LOG.info("publish.issue.published month={} issue={} folder={}", draft.month(), issueId, folder);
        return new Published(issueId, draft.month(), folder);
    }

    /**
     * Builds the frozen issue model from a draft's selections. Notes keep their citations as typed;
     * the References are the cited works, then the research papers (see
     * {@link org.trendpress.render.Citations}).
     */
    IssueModel model(Draft draft, List<Candidate> candidates, Instant publishedAt) {
        YearMonth month = YearMonth.parse(draft.month());
        String monthLabel = MONTH_LABEL.format(month);
        String title = settings.titlePattern().replace("{name}", settings.newsletterName()).replace("{month}", monthLabel);
        List<IssueModel.NewsEntry> news = new ArrayList<>();
        List<IssueModel.ResearchEntry> research = new ArrayList<>();
        List<IssueModel.DatasetEntry> datasets = new ArrayList<>();
        List<IssueModel.Reference> references = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!c.selected()) {
                continue;
            }
            switch (c.slot()) {
                case "news" -> news.add(new IssueModel.NewsEntry(
                        c.headline() != null ? c.headline() : c.title(), c.url(), orEmpty(c.why())));
                case "research" -> {
                    int n = research.size() + 1;
                    research.add(new IssueModel.ResearchEntry(n, c.title(), c.url(), c.codeUrl(), c.projectUrl(),
                            authors(c.authors()), paragraphs(c.why()), paragraphs(c.keyInsights()),
                            c.related().stream().map(r -> new IssueModel.RelatedWork(r.title(), r.url())).toList()));
                    references.add(new IssueModel.Reference(references.size() + 1, reference(c, month), c.url()));
                }
                case "datasets" -> datasets.add(new IssueModel.DatasetEntry(c.title(), c.url(), orEmpty(c.why())));
                default -> throw new PublishException("unknown slot " + c.slot());
            }
        }
        IssueModel.Links links = new IssueModel.Links(settings.issueUrl(draft.month()), settings.archiveUrl(),
                settings.feedUrl(), settings.subscribeUrl());
        // References: the works the notes cite ([[text | url]]) in order of first appearance, then
        // each research paper not cited (already linked from its heading, listed for completeness)
        IssueModel issue = new IssueModel(settings.newsletterName(), draft.month(), monthLabel, title,
                orEmpty(draft.summary()), paragraphs(draft.intro()), news, research, datasets, references, links,
                publishedAt, topicTrends.of(month));
        return org.trendpress.render.Citations.withReferences(issue, references);
    }

    private static String reference(Candidate c, YearMonth month) {
        List<String> authors = authors(c.authors());
        String by = authors.isEmpty() ? "" : " by " + authors.get(0) + (authors.size() > 1 ? " et al." : "");
        return "“" + c.title() + "”" + by + " " + month.getYear();
    }

    /**
     * Writes the issue's folder: issue.json, the web page with its chart beside it
     * ({@link TopicChart#FILE_NAME}), and previews of both emails (the HTML preview shows the
     * chart file rather than the mail's cid: part).
     */
    private Path writeIssue(IssueModel issue) {
        Path folder = settings.archiveDir().resolve(issue.month());
        String unsubscribe = settings.baseUrl() + "/unsubscribe";
        write(folder.resolve("issue.json"), IssueJson.write(issue));
        Path chart = folder.resolve(TopicChart.FILE_NAME);
        if (issue.hasChart()) {
            writeIfChanged(chart, renderer.chartPng(issue));
        } else {
            delete(chart);
        }
        write(folder.resolve(INDEX_FILE), renderer.webPage(issue));
        write(folder.resolve("email.html"), renderer.emailHtml(issue, unsubscribe, TopicChart.FILE_NAME));
        write(folder.resolve("email.txt"), renderer.emailText(issue, unsubscribe));
        return folder;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Corrects a published issue: applies {@code edit} to its frozen content, re-renders its web
     * page (and the email previews beside it), stores it with an updated time and rewrites the
     * archive index and feeds, where its entry keeps its id and shows the new update time. Never
     * dispatches: mail already sent stays as it was, and nobody is mailed the issue again. The
     * issue's month, links and publication time are kept whatever the edit returns. An edit that
     * changes nothing changes no file and no time.
     *
     * @throws PublishException when no issue of that month has been published
     */
    public Published correct(String month, UnaryOperator<IssueModel> edit) {
        lock.lock();
        try {
            return correctLocked(month, edit);
        } finally {
            lock.unlock();
        }
    }

    private Published correctLocked(String month, UnaryOperator<IssueModel> edit) {
        Instant now = clock.instant();
        record Outcome(long issueId, IssueModel original, IssueModel corrected, boolean changed) {}
        // read, edit and write in one transaction with the row locked: two corrections at once (or a
        // correction from another process) apply one after the other, each to what the other left
        Outcome outcome = jdbi.inTransaction(h -> {
            var row = h.createQuery("SELECT id, content_json FROM issues WHERE month=:m FOR UPDATE")
                    .bind("m", month)
                    .map((rs, ctx) -> java.util.Map.entry(rs.getLong("id"), rs.getString("content_json")))
                    .findOne()
                    .orElseThrow(() -> new PublishException("no published issue for " + month + " to correct"));
            IssueModel original = IssueJson.read(row.getValue());
            IssueModel e = java.util.Objects.requireNonNull(edit.apply(original), "corrected issue");
            IssueModel corrected = new IssueModel(original.newsletterName(), original.month(), original.monthLabel(),
                    e.title(), e.summary(), e.intro(), e.news(), e.research(), e.datasets(), e.references(),
                    original.links(), original.publishedAt(), original.topicTrend());
            String json = IssueJson.write(corrected);
            boolean changed = !json.equals(IssueJson.write(original));
            if (changed) {
                h.createUpdate("UPDATE issues SET title=:t, summary=:s, content_json=:j, updated_at=:u WHERE id=:id")
                        .bind("t", corrected.title()).bind("s", corrected.summary()).bind("j", json)
                        .bind("u", utc(now)).bind("id", row.getKey()).execute();
            }
            return new Outcome(row.getKey(), original, corrected, changed);
        });
        Path folder = settings.archiveDir().resolve(month);
        if (!outcome.changed()) {
            LOG.info("publish.issue.unchanged month={} issue={}", month, outcome.issueId());
            return new Published(outcome.issueId(), month, folder);
        }
        writeIssue(outcome.corrected());
        writeArchive();
        LOG.info("publish.issue.corrected month={} issue={} folder={}", month, outcome.issueId(), folder);
        return new Published(outcome.issueId(), month, folder);
    }

    /** A published issue as stored: its frozen content and when that content last changed. */
    public record Stored(IssueModel issue, Instant updatedAt) {}

    /** Every published issue, newest month first (read-only; for the editor's corrections pages). */
    public List<Stored> issues() {
        return jdbi.withHandle(h -> h.createQuery("SELECT content_json, updated_at FROM issues ORDER BY month DESC")
                .map((rs, ctx) -> new Stored(IssueJson.read(rs.getString("content_json")),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .list());
    }

    /** The published issue of {@code month} (yyyy-MM), if any. */
    public java.util.Optional<Stored> issue(String month) {
        return jdbi.withHandle(h -> h.createQuery("SELECT content_json, updated_at FROM issues WHERE month=:m")
                .bind("m", month)
                .map((rs, ctx) -> new Stored(IssueJson.read(rs.getString("content_json")),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    /** When the issue's content last changed: {@code now} if {@code json} differs from what is stored. */
    private static Instant changedAt(Handle h, String month, String json, Instant now) {
        return h.createQuery("SELECT content_json, updated_at FROM issues WHERE month=:m").bind("m", month)
                .map((rs, ctx) -> json.equals(rs.getString("content_json"))
                        ? rs.getObject("updated_at", OffsetDateTime.class).toInstant() : now)
                .findOne().orElse(now);
    }

    /**
     * Rewrites the archive index (every issue) and the archive feeds (the newest
     * {@link ArchiveFeed#MAX_ITEMS}, as RSS, Atom and JSON Feed) from the published issues. The one
     * place the feeds are written; files whose content is unchanged are left alone, so their
     * Last-Modified stays.
     */
    public void writeArchive() {
        lock.lock();
        try {
            writeArchiveLocked();
        } finally {
            lock.unlock();
        }
    }

    private void writeArchiveLocked() {
        List<Stored> rows = issues();
        List<ArchiveEntry> index = rows.stream()
                .map(r -> new ArchiveEntry(r.issue().month(), r.issue().title(), r.issue().summary(),
                        r.issue().month() + "/"))
                .toList();
        writeIfChanged(settings.archiveDir().resolve(INDEX_FILE),
                renderer.archiveIndex(settings.newsletterName(), index, settings.feedUrl()));
        List<FeedEntry> feed = rows.stream()
                .sorted(Comparator.comparing((Stored r) -> r.issue().publishedAt()).reversed()
                        .thenComparing(r -> r.issue().month(), Comparator.reverseOrder()))
                .limit(ArchiveFeed.MAX_ITEMS)
                .map(r -> new FeedEntry(r.issue().title(), r.issue().links().webUrl(), r.issue().summary(),
                        r.issue().publishedAt(), r.updatedAt(),
                        FeedContent.fromWebPage(webPage(r.issue()), r.issue().links().webUrl())))
                .toList();
        new ArchiveFeed(settings.newsletterName(), settings.archiveUrl(), feed).files()
                .forEach((name, content) -> writeIfChanged(settings.archiveDir().resolve(name), content));
    }

    /** The issue's web page as published (rendered again only if its file is missing). */
    private String webPage(IssueModel issue) {
        Path file = settings.archiveDir().resolve(issue.month()).resolve(INDEX_FILE);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : renderer.webPage(issue);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Like {@link #write} but leaves a file with the same content untouched (its mtime is its Last-Modified). */
    static void writeIfChanged(Path file, String content) {
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or not UTF-8: write it afresh
        }
        write(file, content);
    }

    public PublishSettings settings() {
        return settings;
    }

    /** Writes atomically (temp file, then move) so a reader never sees half a file. */
    static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Like {@link #write(Path, byte[])} but leaves a file with the same bytes untouched. */
    static void writeIfChanged(Path file, byte[] content) {
        try {
            if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
        } catch (IOException e) {
            // unreadable: write it afresh
        }
        write(file, content);
    }

    /** Writes atomically (temp file, then move) so a reader never sees half a file. */
    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            // a temp name of its own: two writers (another process correcting while this one
            // publishes) never move each other's half-written file into place
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, content);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\\n\\s*\\n")).map(s -> s.strip().replaceAll("\\s*\\n\\s*", " "))
                .filter(s -> !s.isEmpty()).toList();
    }

    static List<String> authors(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
