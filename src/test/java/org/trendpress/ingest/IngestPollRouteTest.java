package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trendpress.app.RouteTestSupport;

/** routes/ingest-poll.camel.yaml, driven through direct:ingest-poll on the bundled sample feeds. */
class IngestPollRouteTest extends RouteTestSupport {

    @Override
    protected String routeFile() {
        return "ingest-poll.camel.yaml";
    }

    @Test
    void pollsDueSourcesAndStoresEachItemOnce() {
        Poller.Report first = template.requestBody("direct:ingest-poll", (Object) null, Poller.Report.class);
        assertThat(first.sources()).hasSize(4).allMatch(Poller.SourceResult::ok);
        assertThat(first.added()).isGreaterThan(20);

        int items = app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items").mapTo(Integer.class).one());
        assertThat(items).isEqualTo(first.added());

        // polled a moment ago: nothing is due again, and a forced re-poll stores nothing new
        Poller.Report second = template.requestBody("direct:ingest-poll", (Object) null, Poller.Report.class);
        assertThat(second.sources()).isEmpty();
        assertThat(app.poller().pollAll().added()).isZero();

        // a restart is a new Poller on the same database: still nothing stored twice
        Poller restarted = new Poller(app.poller().sources(), app.database().jdbi(),
                new Fetcher(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), 1_000_000, "test"),
                new org.trendpress.classify.RuleClassifier(), java.time.Clock.systemUTC());
        assertThat(restarted.pollAll().added()).isZero();

        // the paper announced on arXiv, the lab blog, the news site and the digest is one Paper
        int mentions = app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT mentions FROM papers WHERE arxiv_id = '2610.04109'").mapTo(Integer.class).one());
        assertThat(mentions).isEqualTo(4);
    }
}
