package org.trendpress.web;

import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where Camel's HTTP exchange meets the web pages: turns the exchange into a
 * {@link WebRequest}, calls the page handler and writes its {@link WebResponse} back. The body
 * is parsed here from the raw bytes; form fields are never read from message headers, so a form
 * field can never pose as a request header. A HEAD request reaches the page as a GET would (pages
 * treat every method but POST alike) and is answered with the same status and headers, the
 * Content-Length of the GET's body, and no body (RFC 9110 section 9.3.2).
 */
final class HttpBridge implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(HttpBridge.class);
    /** The largest form accepted: room for a full issue's texts, percent-encoded. */
    static final int MAX_FORM_BYTES = 1024 * 1024;
    private static final int MAX_DRAIN_BYTES = 16 * 1024 * 1024;

    /** How long a request body may take to arrive once its headers have. */
    static final long BODY_TIMEOUT_SECONDS = 15;

    private final Function<WebRequest, WebResponse> handler;
    private final Predicate<String> readsBodyFor;

    HttpBridge(Function<WebRequest, WebResponse> handler) {
        this(handler, authorization -> true);
    }

    /**
     * @param readsBodyFor given the request's Authorization header (or null), whether a body that
     *     the route left unread may be read at all: a request refused on its credentials is answered
     *     without waiting for its body, and its connection closed, so an unsigned client cannot hold
     *     a worker thread by sending a body slowly
     */
    HttpBridge(Function<WebRequest, WebResponse> handler, Predicate<String> readsBodyFor) {
        this.handler = handler;
        this.readsBodyFor = readsBodyFor;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        // read before the headers are cleared below (in and out are one message)
        boolean head = "HEAD".equalsIgnoreCase(String.valueOf(in.getHeader(Exchange.HTTP_METHOD)));
        if (in.getBody() instanceof HttpServerRequest raw && hasBody(raw)
                && !readsBodyFor.test(raw.getHeader("authorization"))) {
            // answered without its body; the connection goes with it, so the unread bytes never
            // reach the next request's parser
            in.setBody(null);
            raw.response().endHandler(v -> raw.connection().close());
        }
        WebResponse response;
        try {
            response = handler.apply(request(in));
        } catch (BadRequest e) {
            response = WebResponse.text(e.status, e.getMessage() + "\n");
        } catch (RuntimeException e) {
            LOG.warn("web.request.failed path={} error=\"{}\"", in.getHeader(Exchange.HTTP_PATH), e.toString());
            response = WebResponse.text(500, "Something went wrong on our side; it has been logged.\n");
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        out.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        response.headers().forEach(out::setHeader);
        if (response.status() == 304 || response.status() == 204) {
            // no body and no Content-Length: a 304 may only carry the length a 200 would have had
            out.setBody(null);
        } else if (head) {
            // no body, over HTTP/1.1 and HTTP/2 alike, but the length the GET's body has
            out.setHeader("Content-Length", String.valueOf(response.body().length));
            out.setBody(null);
        } else {
            out.setBody(response.body());
        }
    }

    /** Whether a request announces a body (a length above zero, or chunks). */
    static boolean hasBody(HttpServerRequest raw) {
        if (raw.isEnded()) {
            return false;
        }
        String length = raw.getHeader("content-length");
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return raw.getHeader("transfer-encoding") != null || raw.version() == io.vertx.core.http.HttpVersion.HTTP_2
                && !"GET".equals(raw.method().name()) && !"HEAD".equals(raw.method().name());
    }

    static WebRequest request(Message in) {
        String method = String.valueOf(in.getHeader(Exchange.HTTP_METHOD));
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        String path = in.getHeader(Exchange.HTTP_PATH, String.class);
        if (uri != null) {
            int q = uri.indexOf('?');
            path = q >= 0 ? uri.substring(0, q) : uri;
        }
        String rawQuery = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (rawQuery == null) {
            rawQuery = in.getHeader(Exchange.HTTP_QUERY, String.class);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("authorization", "origin", "referer", "host", "content-type", "accept",
                "if-none-match", "if-modified-since", "user-agent")) {
            // request headers come from the HTTP request itself when we can reach it: Camel also
            // copies form fields into message headers, and a form field must never pose as one
            Object v = in instanceof HttpMessage hm ? hm.getRequest().getHeader(name) : header(in, name);
            if (v == null && name.equals("host") && in instanceof HttpMessage hm && hm.getRequest().authority() != null) {
                // HTTP/2 (h2c, as Java's HttpClient and curl --http2 speak it) carries the host as :authority
                var authority = hm.getRequest().authority();
                v = authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
            }
            if (v != null) {
                headers.put(name, v.toString());
            }
        }
        Map<String, List<String>> form = Map.of();
        String contentType = headers.getOrDefault("content-type", "");
        Object body = in.getBody();
        byte[] unread = null;
        if (body instanceof HttpServerRequest raw) {
            // the editor's route reads its own body (useBodyHandler=false): Vert.x's form decoder
            // refuses any field over 8 KB percent-encoded, which a long note in Greek or Chinese
            // reaches at under 1,000 characters; here the whole form is capped instead. Read
            // whatever the method or type, so no body is left unread on the connection.
            unread = read(raw);
        }
        if ("POST".equalsIgnoreCase(method) && contentType.toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            if (unread != null) {
                form = parse(new String(unread, StandardCharsets.UTF_8));
            } else if (body instanceof Map<?, ?> fields) {
                // platform-http has already decoded the form into a map of field -> value(s)
                form = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : fields.entrySet()) {
                    List<String> values = new ArrayList<>();
                    if (e.getValue() instanceof List<?> l) {
                        l.forEach(x -> values.add(String.valueOf(x)));
                    } else if (e.getValue() != null) {
                        values.add(String.valueOf(e.getValue()));
                    }
                    form.put(String.valueOf(e.getKey()), values);
                }
            } else {
                byte[] raw = in.getBody(byte[].class);
                if (raw != null && raw.length > MAX_FORM_BYTES) {
                    throw new BadRequest(413, "form too large");
                }
                form = parse(raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
            }
        }
        return new WebRequest(method, path == null ? "/" : path, parse(rawQuery), form, headers);
    }

    /**
     * Reads a request body that nothing has read yet, up to {@link #MAX_FORM_BYTES}; a longer one is
     * drained (so the client still gets the answer) up to {@link #MAX_DRAIN_BYTES} and refused.
     */
    static byte[] read(HttpServerRequest request) {
        if (request.isEnded()) {
            return new byte[0];
        }
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] seen = {0};
        request.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] <= MAX_FORM_BYTES) {
                bytes.write(chunk.getBytes(), 0, chunk.length());
            } else if (seen[0] > MAX_DRAIN_BYTES) {
                done.completeExceptionally(new BadRequest(413, "form too large"));
                request.connection().close();
            }
        });
        request.exceptionHandler(done::completeExceptionally);
        request.endHandler(v -> {
            if (seen[0] > MAX_FORM_BYTES) {
                done.completeExceptionally(new BadRequest(413, "Form too large: " + seen[0] + " bytes, at most "
                        + MAX_FORM_BYTES + ". Nothing was saved; go back, shorten the longest text and save again."));
            } else {
                done.complete(bytes.toByteArray());
            }
        });
        request.resume();
        try {
            return done.get(BODY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BadRequest b ? b : new BadRequest("the request body could not be read");
        } catch (TimeoutException e) {
            // the rest of the body may still come: the connection cannot be reused
            request.response().endHandler(v -> request.connection().close());
            throw new BadRequest(408, "The request body did not arrive within " + BODY_TIMEOUT_SECONDS + " seconds.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadRequest("interrupted");
        }
    }

    private static Object header(Message in, String lowerName) {
        for (Map.Entry<String, Object> e : in.getHeaders().entrySet()) {
            if (e.getKey().equalsIgnoreCase(lowerName)) {
                Object v = e.getValue();
                return v instanceof List<?> l ? (l.isEmpty() ? null : l.get(0)) : v;
            }
        }
        return null;
    }

    static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed form or query encoding");
            }
        }
        return out;
    }

    /** The request itself is malformed: answered 400 with the message. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(String message) {
            this(400, message);
        }

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
