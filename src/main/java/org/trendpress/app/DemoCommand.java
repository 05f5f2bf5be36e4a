package org.trendpress.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.trendpress.curate.Draft;
import org.trendpress.ingest.Poller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The whole monthly cycle on bundled sample sources, offline: poll, open the draft, select in
 * place of an editor, approve, publish to the archive and feed, dispatch to sample subscribers
 * into the outbox. Everything it writes goes under one git-ignored folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run one monthly cycle on the bundled sample sources (offline); output under data/demo.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Trendpress parent;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder, emptied first (default: ${DEFAULT-VALUE})")
    Path out = Path.of("data", "demo");

    @Option(names = "--sources", paramLabel = "FILE", description = "sources to poll (default: ${DEFAULT-VALUE})")
    Path sources = Path.of("config", "demo", "sources.yaml");

    @Option(names = "--subscribers", paramLabel = "FILE", description = "sample subscribers, CSV email,state (default: ${DEFAULT-VALUE})")
    Path subscribersCsv = Path.of("config", "demo", "subscribers.csv");

    @Override
    public Integer call() throws Exception {
        PrintWriter say = parent.spec.commandLine().getOut();
        wipe(out);
        String dir = out.toString().replace('\\', '/');
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("trendpress.data-dir", dir);
        demo.put("trendpress.db.url", "jdbc:h2:file:" + out.toAbsolutePath().resolve("trendpress").toString().replace('\\', '/'));
        demo.put("trendpress.sources.file", sources.toString());
        demo.put("trendpress.archive.dir", dir + "/issues");
        demo.put("trendpress.mail.smtp.host", "");
        demo.put("trendpress.mail.outbox-dir", dir + "/outbox");
        Settings settings = parent.settings(demo);
        try (Application app = parent.application(settings)) {
            app.start(Application.Mode.BATCH);
            ProducerTemplate camel = app.producer();

            say.println("1/5 polling " + app.poller().sources().size() + " sample sources");
            Poller.Report report = camel.requestBody("direct:ingest-poll", (Object) null, Poller.Report.class);
            for (Poller.SourceResult r : report.sources()) {
                say.println("    " + r.sourceId() + ": " + (r.ok() ? r.added() + " new items" : "FAILED " + r.error()));
            }
            if (report.added() == 0) {
                throw new AppException("the sample sources gave no items; nothing to publish");
            }

            say.println("2/5 importing sample subscribers from " + subscribersCsv);
            int[] counts = importSubscribers(app);
            say.println("    " + counts[0] + " confirmed, " + counts[1] + " pending");

            String month = latestMonth(app);
            say.println("3/5 opening the draft for " + month + " and selecting in place of an editor");
            Draft draft = camel.requestBody("direct:curate-open-draft", month, Draft.class);
            app.drafts().autoSelect(draft.id(), 4, 5, 2);
            app.drafts().approve(draft.id(), Instant.now(), "demo");

            say.println("4/5 publishing and dispatching");
            camel.requestBody("direct:publish-issue", (Object) null);

            Path issueDir = settings.path("trendpress.archive.dir").resolve(month);
            Path outbox = settings.path("trendpress.mail.outbox-dir");
            say.println("5/5 done");
            say.println("    issue (web page):  " + issueDir.resolve("index.html"));
            say.println("    topic chart:       " + issueDir.resolve("topics.png"));
            say.println("    emails (preview):  " + issueDir.resolve("email.html") + ", " + issueDir.resolve("email.txt"));
            say.println("    archive index:     " + settings.path("trendpress.archive.dir").resolve("index.html"));
            say.println("    archive feed:      " + settings.path("trendpress.archive.dir").resolve("feed.xml"));
            say.println("    outbox:            " + outbox + " (" + Trendpress.countFiles(outbox, ".eml") + " .eml messages)");
        }
        return 0;
    }

    private int[] importSubscribers(Application app) throws IOException {
        if (!Files.isRegularFile(subscribersCsv)) {
            throw new AppException("subscribers file not found: " + subscribersCsv);
        }
        int confirmed = 0;
        int pending = 0;
        List<String> lines = Files.readAllLines(subscribersCsv);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(",");
            String state = parts.length > 1 ? parts[1].strip() : "pending";
            if (state.equals("confirmed")) {
                app.subscribers().addConfirmed(parts[0].strip());
                confirmed++;
            } else {
                app.subscribers().subscribe(parts[0].strip());
                pending++;
            }
        }
        return new int[] {confirmed, pending};
    }

    private static String latestMonth(Application app) {
        OffsetDateTime latest = app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT MAX(published_at) FROM items").mapTo(OffsetDateTime.class).one());
        return YearMonth.from(latest.withOffsetSameInstant(ZoneOffset.UTC)).toString();
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
