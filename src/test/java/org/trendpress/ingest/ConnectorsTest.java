package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectorsTest {

    private final Connectors connectors = new Connectors();

    private String sniff(String body, String contentType) {
        return connectors.sniff(body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    @Test
    void sniffsTheFormatFromContentTypeAndFirstBytes() {
        assertThat(sniff("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>", null)).isEqualTo("rss");
        assertThat(sniff("\uFEFF  <feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "application/atom+xml")).isEqualTo("rss");
        assertThat(sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\""
                + " xmlns:arxiv=\"http://arxiv.org/schemas/atom\"><id>https://arxiv.org/api/x</id></feed>", null))
                .isEqualTo("arxiv-api");
        assertThat(sniff("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", null)).isEqualTo("jsonfeed");
        assertThat(sniff("{\"title\": \"t\", \"items\": []}", "application/feed+json")).isEqualTo("jsonfeed");
        assertThat(sniff("[{\"paper\": {\"id\": \"2610.00001\"}}]", "application/json")).isEqualTo("hf-daily");
        assertThat(sniff("<!DOCTYPE html><html><head><title>x</title></head></html>", null)).isEqualTo("page");
        assertThat(sniff("<p>hello</p>", "text/html; charset=utf-8")).isEqualTo("page");
        assertThat(sniff("{\"hits\": [{\"objectID\": \"1\"}], \"nbHits\": 1}", "application/json")).isEqualTo("search-json");
    }

    @Test
    void everyConfiguredTypeHasAConnectorAndUnknownOnesAreAClearError() {
        for (String type : SourceConfig.TYPES) {
            assertThat(connectors.forType(type)).as(type).isNotNull();
        }
        assertThatThrownBy(() -> connectors.forType("gopher")).isInstanceOf(IngestException.class)
                .hasMessage("no connector for source type 'gopher'");
        assertThatThrownBy(() -> connectors.parseAny("x", "{\"hits\": [{\"objectID\": \"1\"}], \"nbHits\": 1}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(IngestException.class).hasMessageContaining("not a feed");
    }
}
