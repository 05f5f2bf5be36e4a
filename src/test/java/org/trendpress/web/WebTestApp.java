package org.trendpress.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trendpress.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.trendpress.app.Application;
import org.trendpress.app.TestConfig;
import org.trendpress.curate.Draft;

/**
 * The application serving HTTP on a free loopback port, with the October 2026 issue published
 * from the demo sources (file: feeds, no network) to one confirmed subscriber whose mail goes to
 * the outbox folder; a clock the test moves by hand; and a small HTTP client for its pages.
 */
final class WebTestApp implements AutoCloseable {

    static final Instant PUBLISHED = Instant.parse("2026-11-02T08:00:00Z");
    static final String USER = "editor";
    static final String PASSWORD = "editor-test-password";

    final MutableClock clock = new MutableClock(PUBLISHED);
    final Application app;
    final String base;
    final Path outbox;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    WebTestApp(Path dir) throws Exception {
        int port = TestConfig.freePort();
        base = "http://127.0.0.1:" + port;
        Map<String, String> o = TestConfig.overrides(dir, Path.of("config/demo/sources.yaml"));
        o.put("trendpress.base-url", base);
        o.put("camel.server.port", String.valueOf(port));
        outbox = dir.resolve("outbox");
        app = new Application(TestConfig.settings(o), Path.of("routes"), clock);
        app.start(Application.Mode.SERVE);
    }

    /** Polls the demo sources, fills and approves the October 2026 draft, publishes it and mails one subscriber. */
    WebTestApp publishOctober() {
        app.poller().pollAll();
        app.subscribers().addConfirmed("ada@example.org");
        Draft draft = app.drafts().open(YearMonth.of(2026, 10));
        app.drafts().autoSelect(draft.id(), 3, 3, 1);
        app.drafts().approve(draft.id(), PUBLISHED.minusSeconds(60), "ed");
        List<?> published = app.producer().requestBody("direct:publish-issue", (Object) null, List.class);
        assertThat(published).hasSize(1);
        return this;
    }

    /** The .eml files written to the outbox so far (every message "sent"). */
    List<Path> mails() throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList();
        }
    }

    HttpResponse<String> get(String path, String authorization, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form POST as the signed-in editor; {@code origin} null sends no Origin header. */
    HttpResponse<String> post(String path, String origin, String... kv) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(kv)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(String... kv) {
        return org.trendpress.testing.Forms.encode(kv);
    }

    static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Override
    public void close() {
        app.close();
    }
}
