package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trendpress.render.Citations.Cite;
import org.trendpress.render.Citations.Piece;
import org.trendpress.render.IssueModel.DatasetEntry;
import org.trendpress.render.IssueModel.NewsEntry;
import org.trendpress.render.IssueModel.Reference;
import org.trendpress.render.IssueModel.ResearchEntry;

/** Parsing editors' [[text | url]] citations and numbering the References they point at. */
class CitationsTest {

    private static final String UNET = "U-Net: Convolutional Networks for Biomedical Image Segmentation,"
            + " Ronneberger et al. 2015";
    private static final String UNET_URL = "https://arxiv.org/abs/1505.04597";

    @Test
    void aCitationWithTextAndLinkSplitsTheNote() {
        assertThat(Citations.parse("a standard U-Net[[" + UNET + " | " + UNET_URL + "]] — common."))
                .containsExactly(new Piece("a standard U-Net", null), new Piece(null, new Cite(UNET, UNET_URL)),
                        new Piece(" — common.", null));
    }

    @Test
    void theLinkIsOptionalAndOnlyHttpLinksAreKept() {
        assertThat(Citations.cite("The information bottleneck method, Tishby et al. 1999"))
                .isEqualTo(new Cite("The information bottleneck method, Tishby et al. 1999", null));
        assertThat(Citations.cite(" Foo\n  bar |  ")).isEqualTo(new Cite("Foo bar", null));
        assertThat(Citations.cite("Foo | javascript:alert(1)")).isEqualTo(new Cite("Foo", null));
        assertThat(Citations.cite("Foo | JAVASCRIPT:alert(1)")).isEqualTo(new Cite("Foo", null));
        assertThat(Citations.cite("Foo | data:text/html,<b>x</b>")).isEqualTo(new Cite("Foo", null));
        assertThat(Citations.cite("Foo | http://")).isEqualTo(new Cite("Foo", null));
        assertThat(Citations.cite("Foo | https://x.example/\"onmouseover=alert(1)")).isEqualTo(new Cite("Foo", null));
        assertThat(Citations.cite("Foo | HTTPS://x.example/a?b=1#c")).isEqualTo(new Cite("Foo", "HTTPS://x.example/a?b=1#c"));
        // a "|" that is not followed by a link is part of the text
        assertThat(Citations.cite("A | B: the sequel")).isEqualTo(new Cite("A | B: the sequel", null));
        // only a link: the link is the text
        assertThat(Citations.cite(" | " + UNET_URL)).isEqualTo(new Cite(UNET_URL, UNET_URL));
        assertThat(Citations.cite("  ")).isNull();
        assertThat(Citations.cite(" | javascript:x")).isNull();
    }

    @Test
    void bracketsThatDoNotFormACitationStayText() {
        for (String note : List.of("[[no end", "no start]]", "[[]]", "[[ | ]] and [[  ]]", "a [single] bracket",
                "]] backwards [[")) {
            assertThat(Citations.parse(note)).as(note).containsExactly(new Piece(note, null));
        }
        assertThat(Citations.parse("[[open [[Foo]] end")).containsExactly(new Piece("[[open ", null),
                new Piece(null, new Cite("Foo", null)), new Piece(" end", null));
        assertThat(Citations.parse("x[[Foo]]]")).containsExactly(new Piece("x", null),
                new Piece(null, new Cite("Foo", null)), new Piece("]", null));
        assertThat(Citations.parse(null)).isEmpty();
        assertThat(Citations.parse("")).isEmpty();
    }

    @Test
    void worksAreNumberedInOrderOfFirstAppearanceAcrossTheIssueThenTheOtherReferences() {
        IssueModel issue = issue(
                List.of("Intro cites B[[Work B | https://b.example/]]."),
                "News cites A[[Work A]] and B again[[Work B, other words | https://b.example/]].",
                List.of("Why cites C[[Work C | https://c.example/]] and a[[work   a]]."),
                List.of("Insights cite D[[Work D | javascript:alert(1)]]."),
                "TL;DR cites C[[C again | https://c.example/]].");
        List<Reference> papers = List.of(new Reference(1, "“The paper” by X 2026", "https://arxiv.org/abs/2610.1"),
                new Reference(2, "“Cited paper” by Y 2026", "https://c.example/"));
        IssueModel numbered = Citations.withReferences(issue, papers);
        assertThat(numbered.references()).containsExactly(
                new Reference(1, "Work B", "https://b.example/"),
                new Reference(2, "Work A", null),
                new Reference(3, "Work C", "https://c.example/"),
                new Reference(4, "Work D", null),
                new Reference(5, "“The paper” by X 2026", "https://arxiv.org/abs/2610.1"));
        // the notes are kept as typed
        assertThat(numbered.intro()).isEqualTo(issue.intro());
        assertThat(numbered.news()).isEqualTo(issue.news());

        Citations.Marks marks = new Citations.Marks(numbered.references());
        assertThat(marks.text(issue.news().get(0).text())).isEqualTo("News cites A² and B again¹.");
        assertThat(marks.text(issue.research().get(0).why().get(0))).isEqualTo("Why cites C³ and a².");
        assertThat(marks.text(issue.datasets().get(0).tldr())).isEqualTo("TL;DR cites C³.");
        assertThat(marks.text("Twice[[Work A]][[Work B | https://b.example/]][[Work D]].")).isEqualTo("Twice²,¹,⁴.");
        // a citation the References lack shows its text rather than a wrong number
        assertThat(marks.text("Unknown[[Work Z]].")).isEqualTo("UnknownWork Z.");
        assertThat(Citations.Marks.superscript(1234567890)).isEqualTo("¹²³⁴⁵⁶⁷⁸⁹⁰");

        // numbering again (as a correction does) changes nothing; uncited() is what follows the cited works
        assertThat(Citations.uncited(numbered)).containsExactly(numbered.references().get(4));
        assertThat(Citations.withReferences(numbered, Citations.uncited(numbered))).isEqualTo(numbered);
    }

    @Test
    void anIssueWithoutCitationsKeepsItsReferences() {
        IssueModel issue = issue(List.of("No citation."), "None.", List.of("None."), List.of(), "None.");
        List<Reference> papers = List.of(new Reference(1, "“P” by X 2026", "https://arxiv.org/abs/2610.1"),
                new Reference(2, "“Q” 2026", null));
        IssueModel numbered = Citations.withReferences(issue, papers);
        assertThat(numbered.references()).isEqualTo(papers);
        assertThat(Citations.uncited(numbered)).isEqualTo(papers);
        assertThat(Citations.withReferences(issue, null).references()).isEmpty();
    }

    @Test
    void theSampleIssuesReferencesAreWhatItsNotesCite() {
        IssueModel sample = SampleIssue.october2026();
        assertThat(Citations.withReferences(sample, List.of())).isEqualTo(sample);
        assertThat(Citations.uncited(sample)).isEmpty();
    }

    private static IssueModel issue(List<String> intro, String newsText, List<String> why, List<String> insights,
            String tldr) {
        IssueModel s = SampleIssue.october2026();
        return new IssueModel(s.newsletterName(), s.month(), s.monthLabel(), s.title(), s.summary(), intro,
                List.of(new NewsEntry("Headline", "https://news.example/1", newsText)),
                List.of(new ResearchEntry(1, "The paper", "https://arxiv.org/abs/2610.1", null, null, List.of("X"),
                        why, insights, List.of())),
                List.of(new DatasetEntry("Set", "https://arxiv.org/abs/2610.2", tldr)), List.of(), s.links(),
                s.publishedAt());
    }
}
