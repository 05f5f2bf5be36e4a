import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's sources on 127.0.0.1: {@code /feeds/s<i>.xml} answers the current version of
 * source i from disk ({@code <dir>/v<n>/s<i>.xml}, pre-gzipped beside it), with an ETag and
 * Last-Modified per version, 304 to a matching conditional GET, gzip when the client accepts it.
 * Bodies are read from disk per request so the server holds no feed in the heap.
 */
final class FeedServer implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dir;
    private final AtomicIntegerArray version;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    final AtomicLong ok = new AtomicLong();
    final AtomicLong notModified = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();

    FeedServer(Path dir, int sources) throws IOException {
        this.dir = dir;
        this.version = new AtomicIntegerArray(sources);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/feeds/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url(int source) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/s" + source + ".xml";
    }

    void setVersion(int source, int v) {
        version.set(source, v);
    }

    private static String etag(int s, int v) {
        return "\"s" + s + "-v" + v + "\"";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().substring("/feeds/".length());
            int s;
            try {
                s = Integer.parseInt(name.substring(1, name.length() - ".xml".length()));
            } catch (RuntimeException e) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            int v = version.get(s);
            String tag = etag(s, v);
            ex.getResponseHeaders().add("ETag", tag);
            ex.getResponseHeaders().add("Last-Modified",
                    HTTP_DATE.format(Instant.parse("2026-10-01T00:00:00Z").plusSeconds(v * 86_400L)));
            if (tag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
            boolean gzip = accept != null && accept.contains("gzip");
            Path file = FeedFiles.path(dir, s, v, gzip);
            byte[] body = Files.readAllBytes(file);
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            if (gzip) {
                ex.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            ok.incrementAndGet();
            bytesSent.addAndGet(body.length);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** Where the generated feed files live. */
    static final class FeedFiles {
        private FeedFiles() {}

        static Path path(Path dir, int s, int v, boolean gzip) {
            return dir.resolve("v" + v).resolve("s" + s + (gzip ? ".xml.gz" : ".xml"));
        }
    }
}
