package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TitleMatch#key} reads all-ASCII titles without the Unicode machinery: same keys either way. */
class TitleKeyFastPathTest {

    @Test
    void asciiTitlesGetTheKeyTheFullNormalisationGives() {
        String[] samples = {"", " ", "Attention Is All You Need", "  GPT-4 Technical Report  ", "Don't \"Stop\" `now`",
                "Llama 3.1: 405B (open) weights!", "a_b-c.d/e", "\t\nTabs\r\nand\u0001controls", "'''", "x''y"};
        for (String s : samples) {
            assertThat(TitleMatch.key(s)).as(s).isEqualTo(TitleMatch.normalisedKey(s));
        }
        Random r = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            char[] c = new char[r.nextInt(40)];
            for (int k = 0; k < c.length; k++) {
                c[k] = (char) r.nextInt(128);
            }
            String s = new String(c);
            assertThat(TitleMatch.key(s)).as(s).isEqualTo(TitleMatch.normalisedKey(s));
        }
    }

    @Test
    void typographicQuotesDashesAndNoBreakSpacesGetTheSameKeyWithoutTheNormalisations() {
        String extra = "\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB\u2032\u2033"
                + "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D\u00A0";
        assertThat(TitleMatch.key("Deep Research \u2014 a \u201cnote\u201d")).isEqualTo("deep research a note");
        Random r = new Random(8);
        for (int i = 0; i < 50_000; i++) {
            char[] c = new char[r.nextInt(40)];
            for (int k = 0; k < c.length; k++) {
                c[k] = r.nextInt(4) == 0 ? extra.charAt(r.nextInt(extra.length())) : (char) r.nextInt(128);
            }
            String s = new String(c);
            assertThat(TitleMatch.key(s)).as(s).isEqualTo(TitleMatch.normalisedKey(s));
        }
    }

    @Test
    void otherTitlesStillGoThroughTheFullNormalisation() {
        assertThat(TitleMatch.key("Caf\u00e9 \u201cModels\u201d \u2014 Pre\u2011training")).isEqualTo("cafe models pre training");
    }
}
