package org.trendpress.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.trendpress.app.RouteTestSupport;

/** routes/curate-open-draft.camel.yaml, then the editor actions on the draft it opens. */
class CurateOpenDraftRouteTest extends RouteTestSupport {

    @Override
    protected String routeFile() {
        return "curate-open-draft.camel.yaml";
    }

    @Test
    void opensTheMonthsDraftWithRankedCandidatesAndIsRerunnable() {
        app.poller().pollAll();
        Draft draft = template.requestBody("direct:curate-open-draft", "2026-10", Draft.class);
        assertThat(draft.month()).isEqualTo("2026-10");
        assertThat(draft.state()).isEqualTo("open");
        assertThat(draft.windowStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(draft.windowEnd()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));

        List<Candidate> candidates = app.drafts().candidates(draft.id());
        assertThat(candidates).anyMatch(c -> c.kind().equals("research")).anyMatch(c -> c.kind().equals("news"));
        // the paper seen at four sources ranks first among research candidates, with its reasons
        Candidate top = candidates.stream().filter(c -> c.kind().equals("research")).findFirst().orElseThrow();
        assertThat(top.url()).isEqualTo("https://arxiv.org/abs/2610.04109");
        assertThat(top.reasons()).startsWith("4 sources");

        Draft again = template.requestBody("direct:curate-open-draft", "2026-10", Draft.class);
        assertThat(again.id()).isEqualTo(draft.id());
        assertThat(app.drafts().candidates(draft.id())).hasSameSizeAs(candidates);
    }

    @Test
    void editorActionsFollowTheDraftLifecycle() {
        app.poller().pollAll();
        Draft draft = template.requestBody("direct:curate-open-draft", "2026-10", Draft.class);
        Drafts drafts = app.drafts();
        assertThatThrownBy(() -> drafts.approve(draft.id(), Instant.now(), "ed"))
                .isInstanceOf(CurateException.class).hasMessageContaining("select at least one");

        Candidate paper = drafts.candidates(draft.id()).stream().filter(c -> c.kind().equals("research")).findFirst().orElseThrow();
        drafts.select(draft.id(), paper.id(), "research");
        drafts.writeNotes(draft.id(), paper.id(), null, "Because it matters.", "It works\r\n\r\nwell.");
        assertThatThrownBy(() -> drafts.approve(draft.id(), Instant.now(), "ed"))
                .isInstanceOf(CurateException.class).hasMessageContaining("summary");
        drafts.writeIntro(draft.id(), "A month of agents.", "Intro text.");
        Draft approved = drafts.approve(draft.id(), Instant.parse("2026-11-02T09:00:00Z"), "ed");
        assertThat(approved.state()).isEqualTo("approved");
        assertThatThrownBy(() -> drafts.writeIntro(draft.id(), "x", "y")).isInstanceOf(CurateException.class);
        assertThat(drafts.due(Instant.parse("2026-11-02T08:59:00Z"))).isEmpty();
        assertThat(drafts.due(Instant.parse("2026-11-02T09:00:00Z"))).extracting(Draft::id).containsExactly(draft.id());

        Draft reopened = drafts.reopen(draft.id());
        assertThat(reopened.state()).isEqualTo("open");
        assertThat(reopened.publishAt()).isNull();
        Candidate selected = drafts.candidates(draft.id()).get(0);
        assertThat(selected.selected()).isTrue();
        assertThat(selected.keyInsights()).isEqualTo("It works\n\nwell.");
        assertThatThrownBy(() -> drafts.select(draft.id(), paper.id(), "sidebar")).isInstanceOf(CurateException.class);
    }

    @Test
    void aBadMonthIsAClearError() {
        assertThatThrownBy(() -> template.requestBody("direct:curate-open-draft", "October"))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(CurateException.class)
                .rootCause().hasMessageContaining("2026-10");
    }
}
