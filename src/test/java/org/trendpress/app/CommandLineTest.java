package org.trendpress.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Trendpress.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve", "demo", "poll", "sources");
    }

    @Test
    void userMistakesAreOneLineAndNonZero() {
        assertThat(run("frobnicate")).isNotZero();
        assertThat(err.toString()).contains("frobnicate").doesNotContain("\tat ");

        StringWriter e2 = new StringWriter();
        int status = Trendpress.run(new String[] {"--set", "trendpress.no-such-key=1", "sources"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(e2, true));
        assertThat(status).isEqualTo(2);
        assertThat(e2.toString().strip()).isEqualTo("trendpress: unknown setting 'trendpress.no-such-key' (see config/application.properties)");

        StringWriter e3 = new StringWriter();
        status = Trendpress.run(new String[] {"--config", tmp.toString(), "sources"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(e3, true));
        assertThat(status).isEqualTo(2);
        assertThat(e3.toString()).startsWith("trendpress: configuration not found").doesNotContain("\tat ");
    }

    @Test
    void demoRunsTheWholeCycleIntoItsOutputFolder() throws Exception {
        Path outDir = tmp.resolve("demo");
        int status = run("demo", "--out", outDir.toString());
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("5/5 done", "(3 .eml messages)");
        assertThat(outDir.resolve("issues/2026-10/index.html")).isRegularFile();
        assertThat(Files.readString(outDir.resolve("issues/feed.xml"))).contains("Trends in AI — October 2026");
        try (var files = Files.list(outDir.resolve("outbox"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml")).count()).isEqualTo(3);
        }
        // re-runnable: a second run starts from a clean folder and gives the same result
        out.getBuffer().setLength(0);
        assertThat(run("demo", "--out", outDir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(3 .eml messages)");
    }

    @Test
    void sourcesShowsHealthAndPausesAndResumesWithoutARestart() {
        String[] set = {"--set", "trendpress.data-dir=" + tmp.resolve("data"),
                "--set", "trendpress.db.url=jdbc:h2:file:" + tmp.toAbsolutePath().resolve("db"),
                "--set", "trendpress.sources.file=config/demo/sources.yaml",
                "--set", "trendpress.archive.dir=" + tmp.resolve("issues")};
        assertThat(run(concat(set, "poll"))).as(err.toString()).isZero();
        out.getBuffer().setLength(0);

        assertThat(run(concat(set, "sources"))).isZero();
        assertThat(out.toString().lines()).first().isEqualTo("id\tstatus\tlast_success\titems\tfailures\tlast_error");
        assertThat(out.toString()).containsPattern("(?m)^circuit-ledger\tactive\t20\\d\\d-.*\t10\t0\t$");

        assertThat(run(concat(set, "sources", "pause", "circuit-ledger", "--reason", "feed moved"))).isZero();
        out.getBuffer().setLength(0);
        assertThat(run(concat(set, "sources"))).isZero();
        assertThat(out.toString()).containsPattern("(?m)^circuit-ledger\tpaused: feed moved\t");

        assertThat(run(concat(set, "sources", "resume", "circuit-ledger"))).isZero();
        out.getBuffer().setLength(0);
        assertThat(run(concat(set, "sources"))).isZero();
        assertThat(out.toString()).containsPattern("(?m)^circuit-ledger\tactive\t");

        assertThat(run(concat(set, "sources", "pause", "nope"))).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("trendpress: no source 'nope' (run `trendpress sources` to list them)");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
