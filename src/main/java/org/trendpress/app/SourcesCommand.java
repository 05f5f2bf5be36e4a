package org.trendpress.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trendpress.ingest.SourceStore;
import org.trendpress.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sources", mixinStandardHelpOptions = true,
        description = {"Show each source's health: status, last success, items per poll, failures in a row, last error.",
                "Sources appear here once `serve`, `poll` or `demo` has read config/sources.yaml."},
        subcommands = {SourcesCommand.Pause.class, SourcesCommand.Resume.class})
final class SourcesCommand implements Callable<Integer> {

    @ParentCommand
    Trendpress parent;

    @Override
    public Integer call() {
        try (Database db = open(parent)) {
            PrintWriter out = parent.spec.commandLine().getOut();
            out.println("id\tstatus\tlast_success\titems\tfailures\tlast_error");
            for (SourceStore.SourceHealth s : new SourceStore(db.jdbi()).health()) {
                String status = s.type().equals("page") ? "links added by hand"
                        : !s.enabled() ? "disabled" : s.pausedReason() != null ? "paused: " + s.pausedReason()
                        : s.consecutiveFailures() > 0 && s.nextAttemptAt() != null ? "backing off until " + s.nextAttemptAt()
                        : "active";
                out.println(String.join("\t", s.id(), status, s.lastSuccessAt() == null ? "-" : s.lastSuccessAt().toString(),
                        String.valueOf(s.itemsLastPoll()), String.valueOf(s.consecutiveFailures()),
                        s.lastError() == null ? "" : s.lastError()));
            }
        }
        return 0;
    }

    static Database open(Trendpress parent) {
        Settings settings = parent.settings(Map.of());
        return Database.open(settings.get("trendpress.db.url"), settings.get("trendpress.db.user"),
                settings.get("trendpress.db.password"));
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Stop polling a source, without a restart, until `sources resume`.")
    static final class Pause implements Callable<Integer> {
        @ParentCommand
        SourcesCommand sources;

        @Parameters(paramLabel = "ID", description = "the source id, as in config/sources.yaml")
        String id;

        @Option(names = "--reason", description = "why, shown on the sources page", defaultValue = "paused from the command line")
        String reason;

        @Override
        public Integer call() {
            try (Database db = open(sources.parent)) {
                if (!new SourceStore(db.jdbi()).pause(id, reason.replaceAll("\\p{Cntrl}", " "), Instant.now(Clock.systemUTC()))) {
                    throw new AppException("no source '" + id + "' (run `trendpress sources` to list them)");
                }
            }
            sources.parent.spec.commandLine().getOut().println(id + "\tpaused");
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Poll a paused source again.")
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        SourcesCommand sources;

        @Parameters(paramLabel = "ID", description = "the source id, as in config/sources.yaml")
        String id;

        @Override
        public Integer call() {
            try (Database db = open(sources.parent)) {
                if (!new SourceStore(db.jdbi()).resume(id)) {
                    throw new AppException("no source '" + id + "' (run `trendpress sources` to list them)");
                }
            }
            sources.parent.spec.commandLine().getOut().println(id + "\tresumed");
            return 0;
        }
    }
}
