package org.trendpress.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings for tests: everything the application writes goes under one temporary folder. */
public final class TestConfig {

    private TestConfig() {}

    /** Overrides that point data, database, archive and outbox into {@code dir}, with the given sources file. */
    public static Map<String, String> overrides(Path dir, Path sourcesFile) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("trendpress.data-dir", dir.toString());
        o.put("trendpress.db.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        o.put("trendpress.sources.file", sourcesFile.toString());
        o.put("trendpress.archive.dir", dir.resolve("issues").toString());
        o.put("trendpress.mail.outbox-dir", dir.resolve("outbox").toString());
        o.put("trendpress.mail.smtp.host", "");
        o.put("trendpress.secret", "test-secret-do-not-use");
        o.put("trendpress.editor.password", "editor-test-password");
        // the test feeds are served from loopback; arXiv's politeness interval would only slow tests down
        o.put("trendpress.fetch.allow-hosts", "127.0.0.1");
        o.put("trendpress.poll.arxiv-interval-ms", "10");
        // schedules that never fire during a test: tests call the direct: endpoints
        o.put("trendpress.schedule.poll", "0 0 0 1 1 ? 2099");
        o.put("trendpress.schedule.open-draft", "0 0 0 1 1 ? 2099");
        o.put("trendpress.schedule.publish", "0 0 0 1 1 ? 2099");
        return o;
    }

    public static Settings settings(Map<String, String> overrides) {
        return Settings.load(Path.of("config"), overrides, Map.of());
    }

    /** Writes a sources.yaml with one source per (id, type, url, kind) quadruple. */
    public static Path sourcesFile(Path dir, String... idTypeUrlKind) throws IOException {
        StringBuilder yaml = new StringBuilder("sources:\n");
        for (int i = 0; i + 3 < idTypeUrlKind.length; i += 4) {
            yaml.append("  - id: ").append(idTypeUrlKind[i]).append('\n')
                    .append("    type: ").append(idTypeUrlKind[i + 1]).append('\n')
                    .append("    url: \"").append(idTypeUrlKind[i + 2]).append("\"\n")
                    .append("    schedule: \"0 0 * * * ?\"\n")
                    .append("    kind: ").append(idTypeUrlKind[i + 3]).append('\n');
        }
        Path file = dir.resolve("sources.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A loopback HTTP server that serves the demo feeds of {@code config/demo/feeds} under {@code /feeds/}. */
    public static com.sun.net.httpserver.HttpServer demoFeedServer() throws IOException {
        var feeds = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        feeds.createContext("/feeds/", ex -> {
            Path file = Path.of("config/demo/feeds").resolve(Path.of(ex.getRequestURI().getPath()).getFileName().toString());
            byte[] body = Files.readAllBytes(file);
            ex.getResponseHeaders().set("Content-Type", "application/xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        feeds.start();
        return feeds;
    }

    /**
     * Settings for the whole application serving on {@code port}, polling the four demo sources
     * from {@code feeds} ({@link #demoFeedServer()}) and sending mail to the SMTP server on
     * {@code smtpPort} (GreenMail), state under {@code dir}.
     */
    public static Map<String, String> demoServe(Path dir, com.sun.net.httpserver.HttpServer feeds, int port, int smtpPort)
            throws IOException {
        String f = "http://127.0.0.1:" + feeds.getAddress().getPort() + "/feeds/";
        Path sources = sourcesFile(dir,
                "arxiv-cs-lg", "arxiv-rss", f + "arxiv-cs-lg.xml", "research",
                "northwind-blog", "atom", f + "lab-blog.xml", "mixed",
                "circuit-ledger", "rss", f + "tech-news.xml", "news",
                "hf-daily-papers", "rss", f + "hf-papers.xml", "research");
        Map<String, String> o = overrides(dir.resolve("state"), sources);
        o.put("trendpress.mail.smtp.host", "127.0.0.1");
        o.put("trendpress.mail.smtp.port", String.valueOf(smtpPort));
        o.put("trendpress.mail.smtp.starttls", "false");
        o.put("trendpress.base-url", "http://127.0.0.1:" + port);
        o.put("camel.server.port", String.valueOf(port));
        return o;
    }
}
