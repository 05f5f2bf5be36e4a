package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlRepairTest {

    @Test
    void findsAC1ControlCharacterAnywhereAndNothingElse() {
        assertThat(XmlRepair.hasC1("")).isFalse();
        assertThat(XmlRepair.hasC1("plain \u007f\u00a0\u00ff é \u4e2d \ud83d\ude00")).isFalse();
        for (char c : new char[] {'\u0080', '\u0093', '\u009f'}) {
            // at the start, at the end, on both sides of the scan's 4,096-character blocks, in Latin-1 and UTF-16 text
            for (int at : new int[] {0, 4095, 4096, 8191, 9000}) {
                for (String filler : new String[] {"a", "\u4e2d"}) {
                    StringBuilder s = new StringBuilder(filler.repeat(9001));
                    assertThat(XmlRepair.hasC1(s.toString())).isFalse();
                    s.setCharAt(at, c);
                    assertThat(XmlRepair.hasC1(s.toString())).as("U+%04X at %d", (int) c, at).isTrue();
                }
            }
        }
    }

    @Test
    void rawC1CharactersAreReadAsWindows1252() {
        XmlRepair.Result r = XmlRepair.demoronize("<t>\u0093quoted\u0094 \u0085</t>");
        assertThat(r.text()).isEqualTo("<t>\u201cquoted\u201d \u2026</t>");
        assertThat(r.repairs()).contains("C1 control characters read as windows-1252");
        XmlRepair.Result clean = XmlRepair.demoronize("<t>\u201cfine\u201d</t>");
        assertThat(clean.text()).isEqualTo("<t>\u201cfine\u201d</t>");
        assertThat(clean.repairs()).isEmpty();
    }
}
