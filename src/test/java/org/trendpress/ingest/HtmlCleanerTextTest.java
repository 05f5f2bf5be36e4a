package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * {@link HtmlCleaner#text} reads a title or a name without markup with no jsoup document: plain
 * text as it is when singly spaced, character references decoded by jsoup's own decoder. Its
 * answers are the ones {@link #before} gave (a jsoup document's text, or the whitespace pattern),
 * on generated strings with every kind of reference, whitespace and character the fast paths see
 * or leave to jsoup.
 */
class HtmlCleanerTextTest {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private final HtmlCleaner cleaner = new HtmlCleaner();

    /** HtmlCleaner.text before the fast paths. */
    private static String before(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return WHITESPACE.matcher(html).replaceAll(" ").trim();
        }
        return Jsoup.parseBodyFragment(html).text().trim();
    }

    @Test
    void sameTextAsBeforeOnGeneratedStrings() {
        String[] pieces = {"Scaling", "laws", " ", " ", "  ", "\t", "\n", "\r\n", "\f", "\u000B", "\u00A0", "\u200B", "\u00AD",
            "&amp;", "&amp", "&lt;b&gt;", "&#8212;", "&#x2014;", "&#8220;quoted&#8221;", "&nbsp;", "&copy", "&copyx", "&notin;",
            "&noti;", "&bogus;", "AT&T", "&", "&#", "&#;", "&#x;", "&#0;", "&#1;", "&#128;", "&#150;", "&#xD800;", "&#1114112;",
            "&#32;", "&#10;", "&#160;", "&#8203;", "\u0000", "\u0001", "\u007F", "\u0085", "caf\u00E9", "\uD83D\uDE00", "\u2003",
            "x", "-", ":", ";", "<", "<b>", "</b>", "\uFFFF", "\uFFFE", "\uFFFD"};
        Random r = new Random(17);
        int fast = 0;
        for (int k = 0; k < 100_000; k++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(9); n > 0; n--) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            String s = b.toString();
            if (s.indexOf('<') < 0 && (s.indexOf('&') < 0 ? HtmlCleaner.singleSpaced(s) : HtmlCleaner.plainCharacters(s))) {
                fast++;
            }
            assertThat(cleaner.text(s)).as("text of [%s]", s).isEqualTo(before(s));
        }
        assertThat(fast).as("strings the fast paths answered").isGreaterThan(20_000);
        // jsoup reads U+FFFF as the end of its input at the start and after a reference: left to jsoup
        assertThat(cleaner.text("R&amp;\uFFFFD Labs")).isEqualTo(before("R&amp;\uFFFFD Labs"));
        assertThat(cleaner.text("\uFFFFAda &amp; Bo")).isEqualTo(before("\uFFFFAda &amp; Bo"));
        assertThat(cleaner.text(null)).isEmpty();
        assertThat(cleaner.text("Deep Research &#8212; a &#8220;note&#8221;")).isEqualTo("Deep Research \u2014 a \u201Cnote\u201D");
        assertThat(cleaner.text("  Ana Ortiz, Bo Chen ")).isEqualTo("Ana Ortiz, Bo Chen");
    }
}
