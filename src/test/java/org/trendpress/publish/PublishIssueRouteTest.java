package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.trendpress.app.RouteTestSupport;
import org.trendpress.curate.Draft;

/** routes/publish-issue.camel.yaml: publishes due drafts and hands each new issue to direct:dispatch-issue. */
class PublishIssueRouteTest extends RouteTestSupport {

    @Override
    protected String routeFile() {
        return "publish-issue.camel.yaml";
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void publishesOnlyDueDraftsWritesTheArchiveAndSplitsIssuesToDispatch() throws Exception {
        AdviceWith.adviceWith(context, "publish-issue",
                a -> a.interceptSendToEndpoint("direct:dispatch-issue").skipSendToOriginalEndpoint().to("mock:dispatch"));
        context.start();
        MockEndpoint dispatch = getMockEndpoint("mock:dispatch");

        app.poller().pollAll();
        Draft draft = app.drafts().open(YearMonth.of(2026, 10));
        app.drafts().autoSelect(draft.id(), 3, 3, 1);
        app.drafts().approve(draft.id(), Instant.now().plusSeconds(3600), "ed");

        dispatch.expectedMessageCount(0);
        assertThat(template.requestBody("direct:publish-issue", (Object) null, List.class)).isEmpty();
        dispatch.assertIsSatisfied();

        app.drafts().reopen(draft.id());
        app.drafts().approve(draft.id(), Instant.now().minusSeconds(1), "ed");
        dispatch.reset();
        dispatch.expectedMessageCount(1);
        List<?> ids = template.requestBody("direct:publish-issue", (Object) null, List.class);
        assertThat(ids).hasSize(1);
        dispatch.assertIsSatisfied();
        assertThat(dispatch.getReceivedExchanges().get(0).getMessage().getBody()).isEqualTo(ids.get(0));

        Path archive = app.publisher().settings().archiveDir();
        assertThat(archive.resolve("2026-10/index.html")).exists();
        assertThat(archive.resolve("2026-10/issue.json")).exists();
        assertThat(Files.readString(archive.resolve("index.html"))).contains("2026-10");
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(archive.resolve("feed.xml").toFile()));
        assertThat(feed.getEntries()).hasSize(1);
        assertThat(feed.getEntries().get(0).getLink()).endsWith("/issues/2026-10/");
        assertThat(app.drafts().get(draft.id()).state()).isEqualTo("published");

        // the topic chart: a PNG beside the page, shown by it, named by absolute URL in the feeds,
        // in numbers in the text email; the archive's HTML preview shows the file, not the cid: part
        assertThat(archive.resolve("2026-10/topics.png")).exists();
        assertThat(Files.readAllBytes(archive.resolve("2026-10/topics.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(archive.resolve("2026-10/index.html"))).contains("src=\"topics.png\"");
        assertThat(Files.readString(archive.resolve("2026-10/email.html"))).contains("src=\"topics.png\"");
        assertThat(Files.readString(archive.resolve("2026-10/email.txt"))).contains("Share of research papers per topic, October 2026");
        String absolute = app.publisher().settings().issueUrl("2026-10") + "topics.png";
        assertThat(Files.readString(archive.resolve("feed.xml"))).contains(absolute);
        assertThat(Files.readString(archive.resolve("atom.xml"))).contains(absolute);
        assertThat(Files.readString(archive.resolve("feed.json"))).contains(absolute);

        // nothing left to publish: a second run publishes and dispatches nothing
        dispatch.reset();
        dispatch.expectedMessageCount(0);
        assertThat(template.requestBody("direct:publish-issue", (Object) null, List.class)).isEmpty();
        dispatch.assertIsSatisfied();
    }
}
