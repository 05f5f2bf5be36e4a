package org.trendpress.ingest;

/** Connector for JSON Feed 1.0 and 1.1. */
final class JsonFeedParser implements Connector {

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        throw new IngestException("JsonFeedParser is not built yet");
    }
}
