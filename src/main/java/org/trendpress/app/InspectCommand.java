package org.trendpress.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trendpress.classify.Classifier;
import org.trendpress.ingest.Fetcher;
import org.trendpress.ingest.IngestException;
import org.trendpress.ingest.Inspector;
import org.trendpress.ingest.Item;
import org.trendpress.ingest.ParsedFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Parses feed files or URLs with the ingest code and prints one tab-separated line per item; needs
 * no database. An input that cannot be read or parsed is one line on stderr and the rest go on.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Parse feed files or URLs with the ingest code and print one line per item:",
            "input, link, title, published (ISO 8601), number of authors, arXiv id (tab-separated).",
            "Exit status 1 when any input could not be read or parsed."})
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    Trendpress parent;

    @Parameters(arity = "1..*", paramLabel = "FILE-OR-URL", description = "feed files, file: or http(s) URLs")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        Inspector inspector = new Inspector(fetcher(settings), settings.getLong("trendpress.fetch.max-bytes"));
        Classifier classifier = Classifier.bundled();
        PrintWriter out = parent.spec.commandLine().getOut();
        PrintWriter err = parent.spec.commandLine().getErr();
        boolean allParsed = true;
        for (String input : inputs) {
            ParsedFeed feed;
            try {
                feed = inspector.inspect(input);
            } catch (IngestException e) {
                err.println("inspect: " + input + ": " + e.getMessage());
                err.flush();
                allParsed = false;
                continue;
            }
            for (Item item : feed.items()) {
                // Inspector.Column's columns, then the classifier's: kind, kind confidence (0-1), topics
                StringBuilder line = new StringBuilder(Inspector.line(input, item));
                String[] kind = classifier.forInspect(item);
                // topics belong to research (a Paper's); other items get none
                String topics = "research".equals(kind[0]) && kind[2] != null ? kind[2] : "";
                for (String field : new String[] {kind[0], kind[1], topics}) {
                    line.append('\t').append(field == null ? "" : field.replaceAll("[\t\r\n]+", " "));
                }
                out.println(line);
            }
            out.flush();
        }
        return allParsed ? 0 : 1;
    }

    /** The same Fetcher (guard, deadline, cap) the poller uses. */
    static Fetcher fetcher(Settings settings) {
        return Application.fetcher(settings);
    }
}
