package org.trendpress.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trendpress.render.IssueModel;

/** The correction form's rules, without a server: filling, laying a submission over the issue, checking, applying. */
class CorrectionFormTest {

    private static final IssueModel ISSUE = new IssueModel("Trends in AI", "2026-10", "October 2026",
            "Trends in AI — October 2026", "A summary.", List.of("First.", "Second."),
            List.of(new IssueModel.NewsEntry("A headline", "https://news.example/a", "A news text.")),
            List.of(new IssueModel.ResearchEntry(1, "A paper", "https://arxiv.org/abs/2610.00001", null, null,
                    List.of("Ada Lovelace"), List.of("Why one."), List.of("Insight one.", "Insight two."),
                    List.of(new IssueModel.RelatedWork("Related", "https://arxiv.org/abs/2610.00002")))),
            List.of(new IssueModel.DatasetEntry("A benchmark", "https://arxiv.org/abs/2610.00003", "A TL;DR.")),
            List.of(new IssueModel.Reference(1, "“A paper” by Ada Lovelace 2026", "https://arxiv.org/abs/2610.00001")),
            new IssueModel.Links("https://t.example/issues/2026-10/", "https://t.example/issues/",
                    "https://t.example/issues/feed.xml", "https://t.example/subscribe"),
            Instant.parse("2026-11-02T08:00:00Z"));

    @Test
    void theFormShowsTheStoredTextsAndAnUntouchedSubmissionChangesNothing() {
        CorrectionForm form = CorrectionForm.of(ISSUE);
        assertThat(form.intro()).isEqualTo("First.\n\nSecond.");
        assertThat(form.research().get(0).insights()).isEqualTo("Insight one.\n\nInsight two.");
        assertThat(form.research().get(0).whyField()).isEqualTo("research-1-why");
        assertThat(form.problems()).isEmpty();
        assertThat(form.applyTo(ISSUE)).isEqualTo(ISSUE);
        assertThat(CorrectionForm.submitted(ISSUE, name -> null).applyTo(ISSUE)).isEqualTo(ISSUE);
    }

    @Test
    void submittedTextsReplaceTheStoredOnesAndEverythingElseIsKept() {
        Map<String, String> fields = new HashMap<>();
        fields.put("title", "  A new\r\ntitle\u2028here ");
        fields.put("intro", "One\r\nline.\r\n\r\n\r\nTwo.\u0007");
        fields.put("research-1-why", "New why.");
        fields.put("news-1-text", "Line one\r\nline two");
        fields.put("datasets-1-tldr", "");
        IssueModel corrected = CorrectionForm.submitted(ISSUE, fields::get).applyTo(ISSUE);
        assertThat(corrected.title()).isEqualTo("A new title here");
        assertThat(corrected.intro()).containsExactly("One line.", "Two.");
        assertThat(corrected.research().get(0).why()).containsExactly("New why.");
        assertThat(corrected.research().get(0).keyInsights()).containsExactly("Insight one.", "Insight two.");
        assertThat(corrected.research().get(0).related()).isEqualTo(ISSUE.research().get(0).related());
        assertThat(corrected.news().get(0).text()).isEqualTo("Line one\nline two");
        assertThat(corrected.news().get(0).url()).isEqualTo("https://news.example/a");
        assertThat(corrected.datasets().get(0).tldr()).isEmpty();
        assertThat(corrected.references()).isEqualTo(ISSUE.references());
        assertThat(corrected.links()).isEqualTo(ISSUE.links());
        assertThat(corrected.publishedAt()).isEqualTo(ISSUE.publishedAt());
    }

    @Test
    void citationsSurviveACorrectionAndNewOnesAreNumbered() {
        // published: the intro cites a work; the paper's own reference follows it
        IssueModel stored = org.trendpress.render.Citations.withReferences(
                new IssueModel(ISSUE.newsletterName(), ISSUE.month(), ISSUE.monthLabel(), ISSUE.title(),
                        ISSUE.summary(), List.of("A U-Net[[U-Net, Ronneberger et al. 2015 | https://arxiv.org/abs/1505.04597]]."),
                        ISSUE.news(), ISSUE.research(), ISSUE.datasets(), ISSUE.references(), ISSUE.links(),
                        ISSUE.publishedAt()),
                ISSUE.references());
        assertThat(stored.references()).extracting(IssueModel.Reference::number, IssueModel.Reference::url)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "https://arxiv.org/abs/1505.04597"),
                        org.assertj.core.groups.Tuple.tuple(2, "https://arxiv.org/abs/2610.00001"));
        // the form shows the citation as typed, and an untouched save keeps it and its number
        CorrectionForm form = CorrectionForm.of(stored);
        assertThat(form.intro()).contains("[[U-Net, Ronneberger et al. 2015 | https://arxiv.org/abs/1505.04597]]");
        assertThat(form.applyTo(stored)).isEqualTo(stored);

        // an editor edits the intro around the mark and cites a new work (and the first one again) in the news text
        Map<String, String> fields = new HashMap<>();
        fields.put("intro", "A standard U-Net[[U-Net, Ronneberger et al. 2015 | https://arxiv.org/abs/1505.04597]],"
                + " corrected.");
        fields.put("news-1-text", "As in[[KILT, Petroni et al. 2020]] and the U-Net[[U-Net again"
                + " | https://arxiv.org/abs/1505.04597]].");
        IssueModel corrected = CorrectionForm.submitted(stored, fields::get).applyTo(stored);
        assertThat(corrected.intro()).containsExactly(fields.get("intro"));
        assertThat(corrected.references()).containsExactly(
                new IssueModel.Reference(1, "U-Net, Ronneberger et al. 2015", "https://arxiv.org/abs/1505.04597"),
                new IssueModel.Reference(2, "KILT, Petroni et al. 2020", null),
                new IssueModel.Reference(3, "“A paper” by Ada Lovelace 2026", "https://arxiv.org/abs/2610.00001"));

        // removing every citation leaves the paper's reference alone
        fields.clear();
        fields.put("intro", "No citation any more.");
        IssueModel plain = CorrectionForm.submitted(stored, fields::get).applyTo(stored);
        assertThat(plain.references()).isEqualTo(ISSUE.references());
    }

    @Test
    void everyBrokenRuleIsListedWithItsField() {
        Map<String, String> fields = new HashMap<>();
        fields.put("title", " \r\n ");
        fields.put("summary", "s".repeat(CorrectionForm.MAX_SUMMARY + 1));
        fields.put("research-1-insights", "😀".repeat(CorrectionForm.MAX_TEXT + 1));
        fields.put("news-1-headline", "");
        CorrectionForm form = CorrectionForm.submitted(ISSUE, fields::get);
        assertThat(form.problems()).extracting(CorrectionForm.Problem::field)
                .containsExactly("title", "summary", "research-1-insights", "news-1-headline");
        assertThat(form.problems()).extracting(CorrectionForm.Problem::message).contains(
                "Title: write a title.",
                "Summary: 1,001 characters, more than the 1,000 allowed. Shorten it and save again.",
                "Research 1 · 💡 Key insights: 20,001 characters, more than the 20,000 allowed. Shorten it and save again.");
        // the editor's text is kept as typed until it is saved
        assertThat(form.summary()).hasSize(CorrectionForm.MAX_SUMMARY + 1);
        assertThat(form.problemsByField()).containsKeys("title", "summary", "research-1-insights", "news-1-headline");
    }

    @Test
    void theFingerprintFollowsTheContent() {
        String before = CorrectionForm.fingerprint(ISSUE);
        assertThat(CorrectionForm.fingerprint(ISSUE)).isEqualTo(before).hasSize(32);
        Map<String, String> fields = Map.of("summary", "Another summary.");
        assertThat(CorrectionForm.fingerprint(CorrectionForm.submitted(ISSUE, fields::get).applyTo(ISSUE))).isNotEqualTo(before);
    }
}
