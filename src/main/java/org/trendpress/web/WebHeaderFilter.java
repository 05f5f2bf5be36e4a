package org.trendpress.web;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The header filter of the web routes ({@code headerFilterStrategy: "#webHeaders"}): Camel's HTTP
 * default (request headers named Camel* never reach the exchange; hop-by-hop and framing headers
 * are the server's), except that the pages' {@code Cache-Control} reaches the client (the archive
 * sends {@code public, no-cache}, the editor's pages {@code no-store}) and so does the
 * {@code Content-Length} that {@link HttpBridge} sets on an answer to HEAD (the GET's length,
 * with no body). HttpBridge clears every message header before it writes a page's own, so nothing
 * else can leak out.
 */
public final class WebHeaderFilter extends HttpHeaderFilterStrategy {

    public WebHeaderFilter() {
        getOutFilter().remove("cache-control");
        getOutFilter().remove("content-length");
    }
}
