package org.trendpress.ingest;

/** Connector for Hugging Face Daily Papers JSON. */
final class HfDailyParser implements Connector {

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        throw new IngestException("HfDailyParser is not built yet");
    }
}
