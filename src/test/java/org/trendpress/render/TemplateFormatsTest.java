package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TemplateFormatsTest {

    private final TemplateFormats fmt = new TemplateFormats();

    @Test
    void joinsAuthorsLikeTheIssueReads() {
        assertThat(fmt.authors(List.of())).isEmpty();
        assertThat(fmt.authors(null)).isEmpty();
        assertThat(fmt.authors(List.of("Ada Byron"))).isEqualTo("Ada Byron");
        assertThat(fmt.authors(List.of("Ada Byron", "Alan Turing"))).isEqualTo("Ada Byron and Alan Turing");
        assertThat(fmt.authors(List.of("A", "B", "C"))).isEqualTo("A, B, and C");
        assertThat(fmt.authors(Arrays.asList(" A ", null, "", "B"))).isEqualTo("A and B");
    }

    @Test
    void wrapsAtTheWidthWithoutTrailingSpaces() {
        String text = "one two three four five six seven eight nine ten eleven twelve";
        String wrapped = TemplateFormats.wrap(text, 20, "", "");
        assertThat(wrapped).isEqualTo("one two three four\nfive six seven eight\nnine ten eleven\ntwelve");
        assertThat(wrapped.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(20));
    }

    @Test
    void usesFirstAndRestPrefixes() {
        assertThat(TemplateFormats.wrap("alpha beta gamma delta", 12, "[1] ", "    "))
                .isEqualTo("[1] alpha\n    beta\n    gamma\n    delta");
    }

    @Test
    void neverBreaksALongWordAndCollapsesWhitespace() {
        String url = "https://example.org/a/very/long/path/that/does/not/fit";
        assertThat(TemplateFormats.wrap("see  \n " + url + " now", 20, "", ""))
                .isEqualTo("see\n" + url + "\nnow");
    }

    @Test
    void countsCodePointsNotChars() {
        // each emoji is two chars but one code point: "🔬 ab 🔬 cd" is 9 columns, 11 chars
        assertThat(TemplateFormats.wrap("🔬 ab 🔬 cd", 9, "", "")).isEqualTo("🔬 ab 🔬 cd");
        assertThat(TemplateFormats.wrap("🔬 ab 🔬 cd", 8, "", "")).isEqualTo("🔬 ab 🔬\ncd");
        assertThat(fmt.underline("🔬 ab", "-")).isEqualTo("----");
    }

    @Test
    void defaultWidthIs72() {
        String text = "word ".repeat(100);
        assertThat(fmt.wrap(text).lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(72));
        assertThat(fmt.wrap(null)).isEmpty();
    }
}
