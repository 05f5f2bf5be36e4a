package org.trendpress.web;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the web pages see it, free of Camel and Vert.x types.
 *
 * @param method  GET, POST, ...
 * @param path    the request path, e.g. /editor/drafts/2026-10
 * @param query   query parameters
 * @param form    form fields of an application/x-www-form-urlencoded body
 * @param headers request headers, names lower-case
 */
record WebRequest(String method, String path, Map<String, List<String>> query, Map<String, List<String>> form,
        Map<String, String> headers) {

    String param(String name) {
        List<String> v = form.get(name);
        if (v == null || v.isEmpty()) {
            v = query.get(name);
        }
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    boolean isPost() {
        return "POST".equalsIgnoreCase(method);
    }
}
