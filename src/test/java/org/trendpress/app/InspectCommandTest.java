package org.trendpress.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    private static final String DIR = "src/test/resources/inspect/";
    private static final String TIDAL = "\thttps://harbour-lab.example/posts/tidal-attention"
            + "\tTidal attention: routing long contexts by the moon\t2026-10-06T14:05:00Z\t3\t2610.07777";
    private static final String MOVING = "\thttps://harbour-lab.example/posts/moving-day\tWe moved to a new building\t\t0\t";
    private static final String PEBBLES = "\thttps://quarry.example/pebbles\tCounting pebbles with small models"
            + "\t2026-10-08T19:30:00Z\t1\t";

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] lab = Files.readAllBytes(Path.of(DIR, "lab.rss"));
        server.createContext("/lab.rss", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            ex.sendResponseHeaders(200, lab.length);
            ex.getResponseBody().write(lab);
            ex.close();
        });
        server.createContext("/gone", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * Runs inspect. The SSRF guard of issue 3 refuses loopback unless allow-listed; once its setting
     * exists in config/application.properties the test allow-lists 127.0.0.1 (before, Settings would
     * reject the unknown key). The database URL is unusable on purpose: inspect must not open it.
     */
    private int inspect(String... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--set", "trendpress.db.url=jdbc:nosuchdb:nowhere"));
        if (Files.readString(Path.of("config/application.properties")).contains("trendpress.fetch.allow-hosts=")) {
            args.addAll(List.of("--set", "trendpress.fetch.allow-hosts=127.0.0.1"));
        }
        args.add("inspect");
        args.addAll(List.of(inputs));
        return Trendpress.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> lines(StringWriter w) {
        return w.toString().lines().toList();
    }

    /**
     * Standard output's item lines without the classifier's three last columns, after checking
     * them: kind, its confidence in [0, 1], and topics (valid codes) for research items only.
     */
    private List<String> itemLines(StringWriter w) {
        return lines(w).stream().map(line -> {
            String[] f = line.split("\t", -1);
            assertThat(f).as(line).hasSize(9);
            assertThat(f[6]).as(line).isIn("news", "research", "other");
            assertThat(Double.parseDouble(f[7])).as(line).isBetween(0.0, 1.0);
            if (f[6].equals("research")) {
                assertThat(f[8].split(",")).as(line).isNotEmpty()
                        .allSatisfy(code -> assertThat(org.trendpress.classify.Topic.fromCode(code)).isPresent());
            } else {
                assertThat(f[8]).as(line).isEmpty();
            }
            return String.join("\t", java.util.Arrays.copyOf(f, 6));
        }).toList();
    }

    @Test
    void classifiesEachItem() throws IOException {
        assertThat(inspect(DIR + "lab.rss")).isZero();
        List<String> kinds = lines(out).stream().map(l -> l.split("\t", -1)[6]).toList();
        // the post with an arXiv paper is research; the office move is not
        assertThat(kinds).hasSize(2);
        assertThat(kinds.get(0)).isEqualTo("research");
        assertThat(kinds.get(1)).isIn("news", "other");
    }

    @Test
    void printsOneLinePerItemOfEveryInputAndGoesOnPastBrokenOnes() throws IOException {
        String missing = tmp.resolve("missing.rss").toString();
        int status = inspect(DIR + "lab.rss", DIR + "broken.xml", DIR + "empty.rss", missing, DIR + "notes.atom",
                tmp.toString());

        assertThat(status).isEqualTo(1);
        assertThat(itemLines(out)).containsExactly(
                DIR + "lab.rss" + TIDAL,
                DIR + "lab.rss" + MOVING,
                DIR + "notes.atom" + PEBBLES);
        assertThat(lines(err)).containsExactly(
                "inspect: " + DIR + "broken.xml: cannot parse feed: Error on line 1: Content is not allowed in prolog.",
                "inspect: " + missing + ": no such file",
                "inspect: " + tmp + ": is a directory");
    }

    @Test
    void exitsZeroWhenEveryInputParsedEvenWithoutItems() throws IOException {
        assertThat(inspect(DIR + "empty.rss", "file:" + DIR + "notes.atom")).as(err.toString()).isZero();
        assertThat(itemLines(out)).containsExactly("file:" + DIR + "notes.atom" + PEBBLES);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void fetchesHttpUrlsWithTheFetcher() throws IOException {
        String lab = url("/lab.rss");
        String gone = url("/gone");
        int status = inspect(lab, gone, DIR + "empty.rss");

        assertThat(status).isEqualTo(1);
        assertThat(itemLines(out)).containsExactly(lab + TIDAL, lab + MOVING);
        assertThat(lines(err)).containsExactly("inspect: " + gone + ": HTTP 404 Not Found");
    }

    @Test
    void unreachableOrMalformedUrlsAreOneLineEachNeverAStackTrace() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + port + "/feed";
        int status = inspect(closed, "http://bad host/feed", "gopher://old.example/feed");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        List<String> errors = lines(err);
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).startsWith("inspect: " + closed + ": fetch failed");
        assertThat(errors.get(1)).startsWith("inspect: http://bad host/feed: invalid URL:");
        assertThat(errors.get(2)).startsWith("inspect: gopher://old.example/feed: unsupported URL scheme");
        assertThat(err.toString()).doesNotContain("\tat ", "Exception in");
    }

    @Test
    void helpListsInspect() {
        assertThat(Trendpress.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(err, true))).isZero();
        assertThat(out.toString()).contains("inspect");
    }

    @Test
    void noInputIsAUsageError() throws IOException {
        assertThat(inspect()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter").doesNotContain("\tat ");
    }
}
