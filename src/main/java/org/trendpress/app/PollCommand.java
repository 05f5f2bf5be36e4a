package org.trendpress.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.trendpress.ingest.Poller;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "poll", mixinStandardHelpOptions = true, description = "Poll every enabled source once, now.")
final class PollCommand implements Callable<Integer> {

    @ParentCommand
    Trendpress parent;

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        try (Application app = parent.application(settings)) {
            Poller.Report report = app.poller().pollAll();
            for (Poller.SourceResult r : report.sources()) {
                parent.spec.commandLine().getOut().println(r.sourceId() + "\t"
                        + (r.ok() ? (r.notModified() ? "unchanged" : r.seen() + " items, " + r.added() + " new")
                                : "FAILED: " + r.error()));
            }
            parent.spec.commandLine().getOut().println(report);
            return report.failed() == 0 ? 0 : 1;
        }
    }
}
