package org.trendpress.ingest;

/** Connector for the arXiv API (Atom with the arxiv and opensearch namespaces). */
final class ArxivApiParser implements Connector {

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        throw new IngestException("ArxivApiParser is not built yet");
    }
}
