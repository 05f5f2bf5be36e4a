package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.trendpress.testing.SharedData;

/**
 * The conformance proof: every file of feedparser's test suite and of ROME's test feeds goes
 * through the ingest parser with a deadline. Nothing but {@link IngestException} may escape and
 * nothing may hang. feedparser's {@code Expect:} clauses about the feed title and link and the
 * entry titles and links (plain equality) are checked mechanically and a pass rate printed;
 * ROME's files spell each value as its own path, which checks titles and links the same way.
 *
 * <p>Files go through {@link Connectors#parseAny}, the path {@code inspect} takes (so the JSON Feed
 * file reaches the JSON Feed connector). feedparser's harness serves the suite from
 * {@code http://127.0.0.1:8097/} and its expectations about relative links assume that document
 * URL, so each file is parsed with the URL it would have there. ROME's files spell each link as a
 * relative reference ({@code rss_2.0.channel.item[0].link}); ingest keeps only absolute http(s)
 * links, so they are parsed as if served from {@code http://rome.test/} and the expected link is
 * that placeholder in the file's folder there. The {@code Header:} lines' Content-Type is passed on;
 * Content-Location is not: ingest does not take a base URL from it (RFC 7231 dropped that).
 *
 * <p>Titles are compared as text: feedparser keeps markup in some titles, ingest keeps plain
 * text by design, so the expected value goes through the same HTML-to-text step first.
 */
class ConformanceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** Floors set just below what was measured (see the printed lines), so regressions fail. */
    private static final double FEEDPARSER_FLOOR = 0.93;
    private static final double WELLFORMED_FLOOR = 0.85;
    private static final double ROME_FLOOR = 0.98;

    private static final Pattern EXPECT = Pattern.compile("Expect:\\s*(.*?)\\s*-->", Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("(?m)^Header:\\s+([^:]+):(.*)$");
    private static final Pattern CLAUSE = Pattern.compile(
            "^(feed|entries\\[(\\d+)\\])(?:\\['(title|link)'\\]|\\.(title|link))\\s*==\\s*u?('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")$");

    /** Where feedparser's test harness serves its files from. */
    private static final String FEEDPARSER_HARNESS = "http://127.0.0.1:8097/";
    /** Where ROME's test feeds are taken to be served from (they have no harness URL of their own). */
    private static final String ROME_HARNESS = "http://rome.test/";

    private final Connectors connectors = new Connectors();
    private final HtmlCleaner html = new HtmlCleaner();

    @Test
    void feedparserSuite() throws IOException {
        Path dir = SharedData.require("feedparser-conformance");
        List<Path> files = files(dir);
        assertThat(files).hasSizeGreaterThan(2000);
        int checkable = 0;
        int passed = 0;
        int wellChecks = 0;
        int wellPassed = 0;
        int parsed = 0;
        int refused = 0;
        int illformedParsed = 0;
        int illformedRefused = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            String rel = dir.relativize(file).toString();
            String header = XmlDecoder.decode(body, null).text();
            String contentType = null;
            Matcher h = HEADER.matcher(header.length() > 4000 ? header.substring(0, 4000) : header);
            while (h.find()) {
                if (h.group(1).trim().equalsIgnoreCase("content-type")) {
                    contentType = h.group(2).trim();
                }
            }
            ParsedFeed feed = parseWithDeadline(body, contentType, FEEDPARSER_HARNESS + rel.replace('\\', '/'), rel);
            if (feed == null) {
                refused++;
                if (rel.contains("illformed")) {
                    illformedRefused++;
                }
            } else {
                parsed++;
                if (rel.contains("illformed")) {
                    illformedParsed++;
                }
            }
            Matcher m = EXPECT.matcher(header);
            if (!m.find() || m.group(1).contains(" or ")) {
                continue;
            }
            for (String clause : m.group(1).split("\\s+and\\s+(?=(?:not\\s+)?[a-z])")) {
                Matcher c = CLAUSE.matcher(clause.trim());
                if (!c.matches()) {
                    continue;
                }
                checkable++;
                boolean wellformed = rel.contains("wellformed/");
                if (wellformed) {
                    wellChecks++;
                }
                String key = c.group(3) != null ? c.group(3) : c.group(4);
                String expected = pythonString(c.group(5));
                String actual = actual(feed, c.group(2), key);
                boolean ok = actual != null && matches(key, expected, actual);
                if (ok) {
                    passed++;
                    if (wellformed) {
                        wellPassed++;
                    }
                } else if (failures.size() < 400) {
                    failures.add(rel + ": " + clause.trim() + " -> " + (feed == null ? "(refused)" : actual));
                }
            }
        }
        double rate = ratio(passed, checkable);
        double wellRate = ratio(wellPassed, wellChecks);
        System.out.printf(Locale.ROOT, "conformance: %d/%d checkable expectations pass (%.1f%%)%n",
                passed, checkable, rate * 100);
        System.out.printf(Locale.ROOT, "conformance: wellformed %d/%d pass (%.1f%%)%n",
                wellPassed, wellChecks, wellRate * 100);
        System.out.printf(Locale.ROOT, "conformance: %d files, %d parsed, %d refused with an IngestException; "
                + "illformed: %d salvaged, %d refused%n", files.size(), parsed, refused, illformedParsed,
                illformedRefused);
        if (System.getenv("CONFORMANCE_VERBOSE") != null) {
            failures.forEach(f -> System.out.println("  fail " + f));
        }
        assertThat(rate).as("feedparser pass rate").isGreaterThanOrEqualTo(FEEDPARSER_FLOOR);
        assertThat(wellRate).as("wellformed pass rate").isGreaterThanOrEqualTo(WELLFORMED_FLOOR);
    }

    @Test
    void romeTestFeeds() throws IOException {
        Path dir = SharedData.require("rome-testfeeds");
        List<Path> files = files(dir);
        assertThat(files).hasSizeGreaterThan(150);
        int checks = 0;
        int passed = 0;
        int parsed = 0;
        int refused = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            String rel = dir.relativize(file).toString();
            String documentUrl = ROME_HARNESS + rel.replace('\\', '/');
            String folderUrl = documentUrl.substring(0, documentUrl.lastIndexOf('/') + 1);
            ParsedFeed feed = parseWithDeadline(body, null, documentUrl, rel);
            if (feed == null) {
                refused++;
                continue;
            }
            parsed++;
            String name = file.getFileName().toString();
            String prefix = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String raw = XmlDecoder.decode(body, null).text();
            String feedTitle = firstPresent(raw, prefix + ".channel.title", prefix + ".feed.title");
            if (feedTitle != null) {
                checks++;
                if (feedTitle.equals(feed.title())) {
                    passed++;
                } else {
                    failures.add(rel + " feed title: " + feed.title());
                }
            }
            for (int i = 0; i < feed.items().size(); i++) {
                Item item = feed.items().get(i);
                String title = firstPresent(raw, prefix + ".channel.item[" + i + "].title",
                        prefix + ".item[" + i + "].title", prefix + ".feed.entry[" + i + "].title");
                if (title != null) {
                    checks++;
                    if (title.equals(item.title())) {
                        passed++;
                    } else {
                        failures.add(rel + " entry " + i + " title: " + item.title());
                    }
                }
                String link = firstPresent(raw, prefix + ".channel.item[" + i + "].link",
                        prefix + ".item[" + i + "].link");
                if (link != null) {
                    checks++;
                    if ((folderUrl + link).equals(item.url())) {
                        passed++;
                    } else {
                        failures.add(rel + " entry " + i + " link: " + item.url());
                    }
                }
            }
        }
        double rate = ratio(passed, checks);
        System.out.printf(Locale.ROOT, "conformance: rome-testfeeds %d files, %d parsed, %d refused; "
                + "%d/%d title and link checks pass (%.1f%%)%n", files.size(), parsed, refused, passed, checks,
                rate * 100);
        if (System.getenv("CONFORMANCE_VERBOSE") != null) {
            failures.forEach(f -> System.out.println("  fail " + f));
        }
        assertThat(checks).isGreaterThan(50);
        assertThat(rate).as("rome pass rate").isGreaterThanOrEqualTo(ROME_FLOOR);
    }

    /** The parsed feed, or null when it ended in an IngestException; anything else fails. */
    private ParsedFeed parseWithDeadline(byte[] body, String contentType, String documentUrl, String name) {
        return assertTimeoutPreemptively(DEADLINE, () -> {
            try {
                return connectors.parseAny("conformance", body, contentType, documentUrl);
            } catch (IngestException e) {
                assertThat(e.getMessage()).as(name).isNotBlank().doesNotContain("\n");
                return null;
            }
        }, () -> name + " did not finish within " + DEADLINE);
    }

    private static String firstPresent(String raw, String... candidates) {
        for (String c : candidates) {
            if (raw.contains(">" + c + "<") || raw.contains("\"" + c + "\"")) {
                return c;
            }
        }
        return null;
    }

    private String actual(ParsedFeed feed, String index, String key) {
        if (feed == null) {
            return null;
        }
        if (index == null) {
            return key.equals("title") ? feed.title() : feed.link();
        }
        int i = Integer.parseInt(index);
        if (i >= feed.items().size()) {
            return null;
        }
        Item item = feed.items().get(i);
        return key.equals("title") ? item.title() : item.url();
    }

    private boolean matches(String key, String expected, String actual) {
        if (key.equals("link")) {
            return expected.equals(actual);
        }
        return expected.equals(actual) || html.text(expected).equals(actual)
                || expected.strip().replaceAll("\\s+", " ").equals(actual);
    }

    /** A Python string literal's value (quotes, \\x, \\u, \\U, \\n and friends). */
    static String pythonString(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                sb.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> sb.append(e); // \\ \' \" and anything else stand for themselves
            }
        }
        return sb.toString();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
