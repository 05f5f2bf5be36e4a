package org.trendpress.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.trendpress.curate.CurateException;
import org.trendpress.ingest.IngestException;
import org.trendpress.publish.PublishException;
import org.trendpress.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code java -jar target/trendpress.jar <command>}. */
@Command(name = "trendpress", mixinStandardHelpOptions = true, version = "trendpress 0.1.0",
        description = "Polls AI research and news sources and publishes a monthly \"Trends in AI\" report.",
        subcommands = {ServeCommand.class, DemoCommand.class, PollCommand.class, SourcesCommand.class, InspectCommand.class, ClassifyCommand.class,
            CommandLine.HelpCommand.class})
public final class Trendpress implements Callable<Integer> {

    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR", description = "configuration folder (default: ${DEFAULT-VALUE})")
    Path configDir = Path.of("config");

    @Option(names = "--routes", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR", description = "route files folder (default: ${DEFAULT-VALUE})")
    Path routesDir = Path.of("routes");

    @Option(names = "--set", scope = CommandLine.ScopeType.INHERIT, paramLabel = "KEY=VALUE", description = "override one setting of config/application.properties")
    Map<String, String> overrides = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    Settings settings(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(extra);
        all.putAll(overrides);
        return Settings.load(configDir, all, System.getenv());
    }

    Application application(Settings settings) {
        if (!Files.isDirectory(routesDir)) {
            throw new AppException("routes folder not found: " + routesDir.toAbsolutePath()
                    + " (run from the repository root, or pass --routes <dir>)");
        }
        return new Application(settings, routesDir, Clock.systemUTC());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status; user mistakes are one line on stderr. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Trendpress());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (isUserError(e)) {
                err.println("trendpress: " + e.getMessage());
                return 2;
            }
            err.println("trendpress: unexpected error: " + e);
            e.printStackTrace(err);
            return 1;
        });
        return cli.execute(args);
    }

    static boolean isUserError(Throwable e) {
        return e instanceof AppException || e instanceof IngestException || e instanceof CurateException
                || e instanceof PublishException || e instanceof StoreException
                || e instanceof IllegalArgumentException;
    }

    static long countFiles(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
