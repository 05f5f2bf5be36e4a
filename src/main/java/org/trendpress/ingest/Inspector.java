package org.trendpress.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Reads one feed file or URL with the same code the poller uses (the {@link Fetcher} for http(s),
 * {@link Connectors#parseAny} to pick the connector) and formats its items as the tab-separated
 * lines of the {@code inspect} command. Every failure, whatever its cause, comes out as an
 * {@link IngestException} with a one-line reason.
 */
public final class Inspector {

    /** The source id given to items read by {@code inspect}. */
    public static final String SOURCE_ID = "inspect";

    /**
     * The columns of one output line, in order; the single place they are defined. Later issues add
     * columns at the end, so scripts reading the first ones keep working.
     */
    public enum Column {
        INPUT((input, item) -> input),
        LINK((input, item) -> item.url()),
        TITLE((input, item) -> item.title()),
        PUBLISHED((input, item) -> item.publishedAt() == null ? null : item.publishedAt().toString()),
        AUTHORS((input, item) -> Integer.toString(item.authors().size())),
        ARXIV_ID((input, item) -> item.arxivId());

        private final BiFunction<String, Item, String> value;

        Column(BiFunction<String, Item, String> value) {
            this.value = value;
        }

        /** This column's value for an item read from {@code input}, one line, never null. */
        public String of(String input, Item item) {
            return field(value.apply(input, item));
        }

        /** The header names, lower case ("input", "link", ...), in column order. */
        public static List<String> names() {
            return java.util.Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        }
    }

    private final Fetcher fetcher;
    private final long maxBytes;
    private final Connectors connectors = new Connectors();

    /**
     * @param fetcher  fetches http(s) inputs (built from the settings, as the poller's is)
     * @param maxBytes the largest local file accepted, like the fetcher's body cap
     */
    public Inspector(Fetcher fetcher, long maxBytes) {
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
    }

    /** Reads and parses one input: an http(s) URL, a {@code file:} URL or a path. */
    public ParsedFeed inspect(String input) {
        try {
            byte[] body;
            String contentType;
            String documentUrl;
            String lower = input.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                Fetcher.Result fetched = fetch(input);
                body = fetched.body();
                contentType = fetched.contentType();
                documentUrl = fetched.url() != null ? fetched.url() : input;
            } else {
                Path path = toPath(input);
                body = readFile(path);
                contentType = null;
                // relative links in a file resolve to file: URLs, which are not kept as links
                documentUrl = path.toAbsolutePath().toUri().toString();
            }
            return connectors.parseAny(SOURCE_ID, body, contentType, documentUrl);
        } catch (IngestException e) {
            throw new IngestException(FeedParser.oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // a bad URL (IllegalArgumentException from URI or HttpClient) or a parser's own bug
            throw new IngestException(e.getClass().getSimpleName() + ": " + FeedParser.oneLine(e.getMessage()), e);
        }
    }

    private Fetcher.Result fetch(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IngestException("invalid URL: " + FeedParser.oneLine(e.getMessage()), e);
        }
        if (uri.getHost() == null) {
            throw new IngestException("invalid URL: no host");
        }
        try {
            return fetcher.fetch(url, null, null);
        } catch (IngestException e) {
            throw new IngestException(plainer(e, uri.getHost()), e);
        }
    }

    /** Says "unknown host" or "connection refused" where the HTTP client leaves only a class name. */
    private static String plainer(IngestException e, String host) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "fetch failed: unknown host " + host;
            }
        }
        if (e.getCause() instanceof java.net.ConnectException c && (c.getMessage() == null || c.getMessage().isBlank())) {
            return "fetch failed: connection refused";
        }
        return e.getMessage();
    }

    /** One output line for an item: the {@link Column}s joined by tabs. */
    public static String line(String input, Item item) {
        return java.util.Arrays.stream(Column.values()).map(c -> c.of(input, item))
                .collect(Collectors.joining("\t"));
    }

    /** A field made safe for one tab-separated line: null as empty, tabs and line breaks as spaces. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean breaks = c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085'
                    || c == '\u2028' || c == '\u2029';
            if (breaks && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(breaks ? ' ' : c);
            }
        }
        return out == null ? value : out.toString();
    }

    private static Path toPath(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("file://")) {
                return Path.of(URI.create(input));
            }
            if (lower.startsWith("file:")) {
                return Path.of(input.substring(5));
            }
            if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
                throw new IngestException("unsupported URL scheme (use http, https, file or a path)");
            }
            return Path.of(input);
        } catch (IllegalArgumentException e) { // InvalidPathException, or a malformed file: URI
            throw new IngestException("not a valid path or URL: " + FeedParser.oneLine(e.getMessage()), e);
        }
    }

    private byte[] readFile(Path path) {
        if (Files.isDirectory(path)) {
            throw new IngestException("is a directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new IngestException("file larger than the cap of " + maxBytes + " bytes");
            }
            return body;
        } catch (NoSuchFileException e) {
            throw new IngestException("no such file", e);
        } catch (IOException e) {
            throw new IngestException("cannot read: " + e.getClass().getSimpleName() + " "
                    + FeedParser.oneLine(e.getMessage()), e);
        }
    }
}
