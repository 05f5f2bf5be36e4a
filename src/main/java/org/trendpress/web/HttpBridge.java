package org.trendpress.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
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
    private static final int MAX_FORM_BYTES = 256 * 1024;

    private final Function<WebRequest, WebResponse> handler;

    HttpBridge(Function<WebRequest, WebResponse> handler) {
        this.handler = handler;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        // read before the headers are cleared below (in and out are one message)
        boolean head = "HEAD".equalsIgnoreCase(String.valueOf(in.getHeader(Exchange.HTTP_METHOD)));
        WebResponse response;
        try {
            response = handler.apply(request(in));
        } catch (BadRequest e) {
            response = WebResponse.text(400, e.getMessage() + "\n");
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
            if (v != null) {
                headers.put(name, v.toString());
            }
        }
        Map<String, List<String>> form = Map.of();
        String contentType = headers.getOrDefault("content-type", "");
        if ("POST".equalsIgnoreCase(method) && contentType.toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            Object body = in.getBody();
            if (body instanceof Map<?, ?> fields) {
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
                    throw new BadRequest("form too large");
                }
                form = parse(raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
            }
        }
        return new WebRequest(method, path == null ? "/" : path, parse(rawQuery), form, headers);
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
        BadRequest(String message) {
            super(message);
        }
    }
}
