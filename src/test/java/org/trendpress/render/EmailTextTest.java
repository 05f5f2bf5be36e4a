package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The plain-text email: 72 columns, links numbered in the text and listed at the end. */
class EmailTextTest {

    private final Renderer renderer = new Renderer(Path.of("templates"));

    @Test
    void wrappedAt72ColumnsExceptLinesThatAreOneLongLink() {
        String text = renderer.emailText(FullSizeIssue.create(), FullSizeIssue.UNSUBSCRIBE_URL);
        assertThat(text.lines()).allSatisfy(line -> {
            if (line.codePointCount(0, line.length()) > TemplateFormats.TEXT_WIDTH) {
                assertThat(line.strip()).as("over-long line: %s", line).matches("(\\[\\d+\\]\\s+|[A-Za-z ]+: )?https?://\\S+");
            }
        });
        assertThat(text).doesNotContain("<", "&amp;");
    }

    @Test
    void everyLinkMarkIsListedOnceInOrderAtTheEnd() {
        IssueModel issue = FullSizeIssue.create();
        String text = renderer.emailText(issue, FullSizeIssue.UNSUBSCRIBE_URL);
        int links = text.indexOf("\nLinks\n-----\n");
        assertThat(links).isPositive();
        String body = text.substring(0, links);
        String list = text.substring(links, text.indexOf("\n-- \n"));
        Matcher marks = Pattern.compile("\\[(\\d+)\\]").matcher(body);
        int highest = 0;
        while (marks.find()) {
            int n = Integer.parseInt(marks.group(1));
            assertThat(n).as("marks appear in order").isLessThanOrEqualTo(highest + 1);
            highest = Math.max(highest, n);
        }
        List<String> lines = list.lines().filter(l -> l.startsWith("[")).toList();
        assertThat(lines).hasSize(highest);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith("[" + (i + 1) + "]");
        }
        assertThat(list).contains(issue.research().get(0).url(), issue.news().get(7).url(), issue.datasets().get(0).url());
        // the reader's own unsubscribe link stays written out in the footer
        assertThat(text).contains("\nUnsubscribe: " + FullSizeIssue.UNSUBSCRIBE_URL + "\n");
    }

    @Test
    void theChartsNumbersAreInTheText() {
        IssueModel issue = SampleIssue.october2026();
        String text = renderer.emailText(issue, SampleIssue.UNSUBSCRIBE_URL);
        assertThat(text).contains("  Language                  35%       31%")
                .contains("October 2026 (20 papers)");
        for (TopicTrend.TopicShare share : issue.topicTrend().topics()) {
            assertThat(text).contains(share.topic());
        }
    }
}
