package org.trendpress.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Fetches a source's body over http(s), or from a {@code file:} URL (relative paths resolve
 * against the working directory).
 *
 * <p>Over http(s): conditional GET (ETag, Last-Modified; a 304 returns no body), gzip and
 * deflate, a connect timeout, a read timeout (no byte for that long ends the fetch), an overall
 * deadline covering every redirect hop, the headers and the whole body, and a size cap enforced
 * while the body streams in (a larger body is cut off, never buffered whole). Redirects are
 * followed here, at most {@code maxRedirects}, each hop checked by the {@link AddressGuard}.
 * Failures throw {@link FetchException} with the HTTP status and Retry-After.
 *
 * <p>DNS rebinding: the JDK 17 HttpClient offers no hook to connect to an address we choose (a
 * custom resolver arrives only in Java 18), and rewriting the URL to the address would break TLS
 * host checks. So the guard resolves the host and checks every address just before the request,
 * and the client's own lookup a moment later is answered from the JVM's address cache
 * ({@code networkaddress.cache.ttl}, 30 s by default), i.e. with the addresses we checked. A
 * name whose answers change within that window to a private address is the remaining gap; run
 * the poller behind an egress firewall where that matters.
 */
public final class Fetcher {

    /**
     * What a fetch returned; {@code notModified} means a 304 and an empty body; {@code url} is the
     * final URL after redirects.
     */
    public record Result(int status, byte[] body, String contentType, String etag, String lastModified,
            boolean notModified, String url) {

        public Result(int status, byte[] body, String contentType, String etag, String lastModified,
                boolean notModified) {
            this(status, body, contentType, etag, lastModified, notModified, null);
        }
    }

    private static final String ACCEPT =
            "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration deadline;
    private final long maxBytes;
    private final int maxRedirects;
    private final String userAgent;
    private final AddressGuard guard;

    /** A fetcher with a strict address guard, at most 5 redirects and the deadline as read timeout. */
    public Fetcher(Duration connectTimeout, Duration requestTimeout, long maxBytes, String userAgent) {
        this(connectTimeout, requestTimeout, requestTimeout, maxBytes, 5, userAgent, AddressGuard.strict());
    }

    /**
     * @param connectTimeout longest wait for a TCP (and TLS) connection
     * @param readTimeout    longest silence while waiting for headers or body bytes
     * @param deadline       longest time for the whole fetch, redirects and body included
     * @param maxBytes       largest body accepted (compressed and decompressed)
     * @param maxRedirects   redirects followed before giving up
     * @param userAgent      User-Agent header
     * @param guard          the SSRF guard every hop passes
     */
    public Fetcher(Duration connectTimeout, Duration readTimeout, Duration deadline, long maxBytes, int maxRedirects,
            String userAgent, AddressGuard guard) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
        this.guard = guard;
    }

    public Result fetch(String url, String etag, String lastModified) {
        if (url.regionMatches(true, 0, "file:", 0, 5)) {
            return readFile(url);
        }
        long deadlineAt = System.nanoTime() + deadline.toNanos();
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            guard.check(uri);
            HttpResponse<byte[]> resp = exchange(uri, etag, lastModified, deadlineAt);
            int status = resp.statusCode();
            if (isRedirect(status)) {
                String location = resp.headers().firstValue("Location").orElse(null);
                if (location == null || location.isBlank()) {
                    throw new FetchException(status, null, "HTTP " + status + " redirect without a Location");
                }
                if (hop >= maxRedirects) {
                    throw new FetchException(status, null, "too many redirects (more than " + maxRedirects + ")");
                }
                try {
                    uri = uri.resolve(new URI(location.strip()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new FetchException(status, null, "redirect to an invalid URL: " + FeedParser.oneLine(location));
                }
                continue;
            }
            String contentType = resp.headers().firstValue("Content-Type").orElse(null);
            if (status == 304) {
                return new Result(304, new byte[0], contentType, etag, lastModified, true, uri.toString());
            }
            if (status < 200 || status >= 300) {
                throw new FetchException(status, resp.headers().firstValue("Retry-After").orElse(null),
                        "HTTP " + status + " " + reasonPhrase(status));
            }
            String encoding = resp.headers().firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
            byte[] body = decode(resp.body(), encoding);
            return new Result(status, body, contentType, resp.headers().firstValue("ETag").orElse(null),
                    resp.headers().firstValue("Last-Modified").orElse(null), false, uri.toString());
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!uri.isAbsolute()) {
                throw new FetchException(0, null, "not an absolute URL: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FetchException(0, null, "invalid URL: " + FeedParser.oneLine(e.getMessage()));
        }
    }

    /** One request and response; the body is collected only for 2xx answers. */
    private HttpResponse<byte[]> exchange(URI uri, String etag, String lastModified, long deadlineAt) {
        long left = deadlineAt - System.nanoTime();
        if (left <= 0) {
            throw new FetchException(0, null, "no complete response within the deadline of " + deadline.toMillis() + " ms");
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(left))
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip, deflate")
                .GET();
        if (etag != null && !etag.isBlank()) {
            req.header("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isBlank()) {
            req.header("If-Modified-Since", lastModified);
        }
        // until the first byte arrives, allow the connect timeout on top of the read timeout
        AtomicLong lastActivity = new AtomicLong(System.nanoTime() + connectTimeout.toNanos());
        CappedBody[] body = new CappedBody[1];
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = client.sendAsync(req.build(), info -> {
                lastActivity.set(System.nanoTime());
                boolean success = info.statusCode() / 100 == 2;
                long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                String tooLarge = success && declared > maxBytes
                        ? "body larger than the cap of " + maxBytes + " bytes (Content-Length " + declared + ")" : null;
                CappedBody b = new CappedBody(success ? maxBytes : -1, tooLarge, lastActivity);
                synchronized (body) {
                    body[0] = b;
                }
                return b;
            });
        } catch (IllegalArgumentException e) {
            throw new FetchException(0, null, "invalid request: " + FeedParser.oneLine(e.getMessage()));
        }
        long readNanos = readTimeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            long remaining = deadlineAt - now;
            if (remaining <= 0) {
                abort(future, body);
                throw new FetchException(0, null, "no complete response within the deadline of " + deadline.toMillis() + " ms");
            }
            if (now - lastActivity.get() > readNanos) {
                abort(future, body);
                throw new FetchException(0, null, "read timed out: nothing received for " + readTimeout.toMillis() + " ms");
            }
            try {
                return future.get(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // loop: check the deadline and the read timeout again
            } catch (InterruptedException e) {
                abort(future, body);
                Thread.currentThread().interrupt();
                throw new FetchException(0, null, "fetch interrupted");
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            }
        }
    }

    private static void abort(CompletableFuture<?> future, CappedBody[] body) {
        future.cancel(true);
        synchronized (body) {
            if (body[0] != null) {
                body[0].abort();
            }
        }
    }

    private FetchException failure(Throwable cause) {
        if (cause instanceof FetchException f) {
            return f;
        }
        if (cause instanceof IngestException i) {
            return new FetchException(i.getMessage(), i);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchException("connect timed out after " + connectTimeout.toMillis() + " ms", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchException("no complete response within the deadline of " + deadline.toMillis() + " ms", cause);
        }
        if (cause instanceof ConnectException) {
            return new FetchException("connection refused", cause);
        }
        if (cause instanceof IOException && cause.getCause() instanceof IngestException i) {
            return new FetchException(i.getMessage(), i);
        }
        String msg = cause == null ? "unknown" : cause.getClass().getSimpleName() + " " + FeedParser.oneLine(cause.getMessage());
        return new FetchException("fetch failed: " + msg, cause);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private byte[] decode(byte[] raw, String encoding) {
        try {
            return switch (encoding) {
                case "", "identity" -> raw;
                case "gzip", "x-gzip" -> readCapped(new GZIPInputStream(new ByteArrayInputStream(raw), 16 * 1024),
                        gzipSize(raw));
                case "deflate" -> inflate(raw);
                default -> throw new FetchException(0, null, "unsupported Content-Encoding '" + FeedParser.oneLine(encoding) + "'");
            };
        } catch (IOException e) {
            throw new FetchException("cannot decompress the " + encoding + " body: " + FeedParser.oneLine(e.getMessage()), e);
        }
    }

    /** HTTP "deflate" is zlib-wrapped by the standard, raw deflate by some servers: accept both. */
    private byte[] inflate(byte[] raw) throws IOException {
        try {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(raw)));
        } catch (ZipException e) {
            Inflater nowrap = new Inflater(true);
            try {
                return readCapped(new InflaterInputStream(new ByteArrayInputStream(raw), nowrap));
            } finally {
                nowrap.end();
            }
        }
    }

    private Result readFile(String url) {
        String spec = url.substring(5);
        Path path;
        try {
            path = spec.startsWith("//") ? Paths.get(URI.create(url)) : Path.of(spec);
        } catch (IllegalArgumentException e) {
            throw new IngestException("invalid file URL " + url + ": " + FeedParser.oneLine(e.getMessage()));
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new Result(200, readCapped(in), null, null, null, false, url);
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + ": " + FeedParser.oneLine(e.toString()), e);
        }
    }

    private byte[] readCapped(InputStream in) throws IOException {
        return readCapped(in, -1);
    }

    /**
     * Reads a body up to the cap. With {@code sizeHint} (the size it will probably have, or -1),
     * the body is read into one array of that size, returned as it is when the hint was right:
     * no 8 KB steps copied together at the end.
     */
    private byte[] readCapped(InputStream in, long sizeHint) throws IOException {
        long limit = Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
        try (in) {
            if (sizeHint < 0) {
                byte[] body = in.readNBytes((int) limit);
                if (body.length > maxBytes) {
                    throw tooLarge();
                }
                return body;
            }
            byte[] buf = new byte[(int) Math.min(limit, Math.max(1, sizeHint))];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    int next = in.read(); // the hint was right when the body ends here: no copy
                    if (next < 0) {
                        break;
                    }
                    if (n >= limit) {
                        throw tooLarge();
                    }
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min(limit, Math.max(8192, (long) n * 2)));
                    buf[n++] = (byte) next;
                    continue;
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n > maxBytes) {
                throw tooLarge();
            }
            return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
        }
    }

    private FetchException tooLarge() {
        return new FetchException(0, null, "body larger than the cap of " + maxBytes + " bytes");
    }

    /**
     * The uncompressed size a gzip body states in its last four bytes (of its last member, modulo
     * 4 GB), as a hint for {@link #readCapped}; -1 when it is missing or not plausible for the
     * compressed size (then the body is read in steps as any other).
     */
    static long gzipSize(byte[] raw) {
        if (raw.length < 18) {
            return -1;
        }
        int n = raw.length;
        long size = (raw[n - 4] & 0xFFL) | (raw[n - 3] & 0xFFL) << 8 | (raw[n - 2] & 0xFFL) << 16 | (raw[n - 1] & 0xFFL) << 24;
        return size <= 64L * raw.length + 65_536 ? size : -1;
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Unexpected Status";
        };
    }

    /**
     * Collects a response body up to a cap, cancelling the transfer as soon as it grows past it;
     * a cap of -1 discards the body at once (error answers need only their status and headers).
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long cap;
        private final String rejection;
        private final AtomicLong lastActivity;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile boolean aborted;
        private long received;

        CappedBody(long cap, String rejection, AtomicLong lastActivity) {
            this.cap = cap;
            this.rejection = rejection;
            this.lastActivity = lastActivity;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (aborted) {
                s.cancel();
            } else if (rejection != null) {
                s.cancel();
                result.completeExceptionally(new FetchException(0, null, rejection));
            } else if (cap < 0) {
                s.cancel();
                result.complete(new byte[0]);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            lastActivity.set(System.nanoTime());
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new FetchException(0, null,
                            "body larger than the cap of " + cap + " bytes (cut off while reading)"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        void abort() {
            aborted = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new FetchException(0, null, "aborted"));
        }
    }
}
