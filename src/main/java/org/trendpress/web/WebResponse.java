package org.trendpress.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, content type, body and extra headers. */
record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static WebResponse html(int status, String html) {
        return new WebResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), securityHeaders());
    }

    static WebResponse text(int status, String text) {
        return new WebResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8), securityHeaders());
    }

    static WebResponse redirect(String location) {
        Map<String, String> h = securityHeaders();
        h.put("Location", location);
        return new WebResponse(303, TEXT, new byte[0], h);
    }

    WebResponse withStatus(int newStatus) {
        return new WebResponse(newStatus, contentType, body, headers);
    }

    WebResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new WebResponse(status, contentType, body, h);
    }

    static Map<String, String> securityHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "same-origin");
        h.put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "script-src 'none'; frame-ancestors 'none'; form-action 'self'");
        return h;
    }
}
