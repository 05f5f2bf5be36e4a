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
import java.util.List;
import java.util.Locale;
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

/**
 * Turns an approved Draft into a published Issue: freezes its content, renders the web page and
 * email previews into the archive folder, and rewrites the archive index and the archive feed.
 * Re-runnable: publishing a month again re-renders it (a correction) and never duplicates it.
 */
public final class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    static final String FEED_FILE = "feed.xml";
    static final String INDEX_FILE = "index.html";

    private final Jdbi jdbi;
    private final Drafts drafts;
    private final Renderer renderer;
    private final PublishSettings settings;
    private final Clock clock;

    public Publisher(Jdbi jdbi, Drafts drafts, Renderer renderer, PublishSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.drafts = drafts;
        this.renderer = renderer;
        this.settings = settings;
        this.clock = clock;
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
        Draft draft = drafts.get(draftId);
        if (draft.isOpen()) {
            throw new PublishException("draft " + draft.month() + " is not approved");
        }
        Instant now = clock.instant();
        Instant publishedAt = jdbi.withHandle(h -> h.createQuery("SELECT published_at FROM issues WHERE month=:m")
                        .bind("m", draft.month()).mapTo(OffsetDateTime.class).findOne())
                .map(OffsetDateTime::toInstant).orElse(now);
        IssueModel issue = model(draft, drafts.candidates(draftId), publishedAt);
        Path folder = writeIssue(issue);
        String json = IssueJson.write(issue);
        long issueId = jdbi.inTransaction(h -> {
            int updated = h.createUpdate("UPDATE issues SET title=:t, summary=:s, content_json=:j, updated_at=:now"
                            + " WHERE month=:m")
                    .bind("t", issue.title()).bind("s", issue.summary()).bind("j", json).bind("now", utc(now))
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

    /** Builds the frozen issue model from a draft's selections. */
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
        return new IssueModel(settings.newsletterName(), draft.month(), monthLabel, title, orEmpty(draft.summary()),
                paragraphs(draft.intro()), news, research, datasets, references, links, publishedAt);
    }

    private static String reference(Candidate c, YearMonth month) {
        List<String> authors = authors(c.authors());
        String by = authors.isEmpty() ? "" : " by " + authors.get(0) + (authors.size() > 1 ? " et al." : "");
        return "“" + c.title() + "”" + by + " " + month.getYear();
    }

    private Path writeIssue(IssueModel issue) {
        Path folder = settings.archiveDir().resolve(issue.month());
        String unsubscribe = settings.baseUrl() + "/unsubscribe";
        write(folder.resolve("issue.json"), IssueJson.write(issue));
        write(folder.resolve(INDEX_FILE), renderer.webPage(issue));
        write(folder.resolve("email.html"), renderer.emailHtml(issue, unsubscribe));
        write(folder.resolve("email.txt"), renderer.emailText(issue, unsubscribe));
        return folder;
    }

    /** Rewrites the archive index and the archive feed from every published issue. */
    public void writeArchive() {
        List<IssueModel> issues = jdbi.withHandle(h -> h.createQuery("SELECT content_json FROM issues ORDER BY month DESC")
                .mapTo(String.class).list()).stream().map(IssueJson::read).toList();
        List<ArchiveEntry> entries = issues.stream()
                .map(i -> new ArchiveEntry(i.month(), i.title(), i.summary(), i.month() + "/"))
                .toList();
        write(settings.archiveDir().resolve(INDEX_FILE),
                renderer.archiveIndex(settings.newsletterName(), entries, settings.feedUrl()));
        List<FeedEntry> feed = issues.stream().limit(20)
                .map(i -> new FeedEntry(i.title(), i.links().webUrl(), i.summary(), i.publishedAt(),
                        webPage(i)))
                .toList();
        write(settings.archiveDir().resolve(FEED_FILE),
                ArchiveFeed.rss(settings.newsletterName(), settings.archiveUrl(), settings.feedUrl(), feed));
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

    public PublishSettings settings() {
        return settings;
    }

    /** Writes atomically (temp file, then move) so a reader never sees half a file. */
    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
