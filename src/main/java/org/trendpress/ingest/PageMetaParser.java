package org.trendpress.ingest;

/** Connector for an HTML page's metadata (a URL submitted by hand). */
final class PageMetaParser implements Connector {

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        throw new IngestException("PageMetaParser is not built yet");
    }
}
