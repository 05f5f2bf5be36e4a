package org.trendpress.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Fetches a source's body over http(s) (with conditional GET, timeouts and a size cap) or from a
 * {@code file:} URL (relative paths resolve against the working directory).
 */
public final class Fetcher {

    /** What a fetch returned; {@code notModified} means a 304 and an empty body. */
    public record Result(int status, byte[] body, String contentType, String etag, String lastModified,
            boolean notModified) {}

    private final HttpClient client;
    private final Duration requestTimeout;
    private final long maxBytes;
    private final String userAgent;

    public Fetcher(Duration connectTimeout, Duration requestTimeout, long maxBytes, String userAgent) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
        this.userAgent = userAgent;
    }

    public Result fetch(String url, String etag, String lastModified) {
        if (url.regionMatches(true, 0, "file:", 0, 5)) {
            return readFile(url);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
                .header("Accept-Encoding", "gzip, deflate")
                .GET();
        if (etag != null && !etag.isBlank()) {
            req.header("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isBlank()) {
            req.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IngestException("fetch failed: " + e.getClass().getSimpleName() + " " + FeedParser.oneLine(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("fetch interrupted", e);
        }
        int status = resp.statusCode();
        String newEtag = resp.headers().firstValue("ETag").orElse(null);
        String newLastModified = resp.headers().firstValue("Last-Modified").orElse(null);
        String contentType = resp.headers().firstValue("Content-Type").orElse(null);
        if (status == 304) {
            close(resp.body());
            return new Result(304, new byte[0], contentType, etag, lastModified, true);
        }
        if (status < 200 || status >= 300) {
            close(resp.body());
            throw new IngestException("HTTP status " + status);
        }
        String encoding = resp.headers().firstValue("Content-Encoding").orElse("").trim().toLowerCase();
        try (InputStream raw = resp.body();
                InputStream in = switch (encoding) {
                    case "gzip", "x-gzip" -> new GZIPInputStream(raw);
                    case "deflate" -> new InflaterInputStream(raw);
                    default -> raw;
                }) {
            return new Result(status, readCapped(in), contentType, newEtag, newLastModified, false);
        } catch (IOException e) {
            throw new IngestException("reading body failed: " + FeedParser.oneLine(e.getMessage()), e);
        }
    }

    private Result readFile(String url) {
        String spec = url.substring(5);
        Path path = spec.startsWith("//") ? Paths.get(URI.create(url)) : Path.of(spec);
        try (InputStream in = Files.newInputStream(path)) {
            return new Result(200, readCapped(in), null, null, null, false);
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + ": " + FeedParser.oneLine(e.toString()), e);
        }
    }

    private byte[] readCapped(InputStream in) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw new IngestException("body larger than the cap of " + maxBytes + " bytes");
        }
        return body;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to recover: the response is discarded
        }
    }
}
