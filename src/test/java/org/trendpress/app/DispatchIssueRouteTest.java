package org.trendpress.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.trendpress.curate.Draft;
import org.trendpress.dispatch.DispatchReport;

/** routes/dispatch-issue.camel.yaml: one published issue to every confirmed subscriber, into the outbox. */
class DispatchIssueRouteTest extends RouteTestSupport {

    @Override
    protected String routeFile() {
        return "dispatch-issue.camel.yaml";
    }

    @Test
    void sendsOncePerConfirmedSubscriberAndNeverTwice() throws Exception {
        app.poller().pollAll();
        Draft draft = app.drafts().open(YearMonth.of(2026, 10));
        app.drafts().autoSelect(draft.id(), 2, 2, 1);
        app.drafts().approve(draft.id(), Instant.now(), "ed");
        long issueId = app.publisher().publish(draft.id()).issueId();
        app.subscribers().addConfirmed("ada@example.org");
        app.subscribers().addConfirmed("grace@example.net");
        app.subscribers().subscribe("pending@example.org");

        DispatchReport first = template.requestBody("direct:dispatch-issue", issueId, DispatchReport.class);
        assertThat(first.accepted()).isEqualTo(2);
        assertThat(first.failed()).isZero();
        Path outbox = Path.of(app.settings().get("trendpress.mail.outbox-dir"));
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml")).count()).isEqualTo(2);
        }

        DispatchReport second = template.requestBody("direct:dispatch-issue", issueId, DispatchReport.class);
        assertThat(second.accepted()).isZero();
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.count()).isEqualTo(2);
        }
    }
}
