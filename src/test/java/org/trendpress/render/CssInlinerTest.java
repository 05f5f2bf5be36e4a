package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CssInlinerTest {

    private static String doc(String css, String body) {
        return "<!DOCTYPE html><html><head><style>" + css + "</style></head><body>" + body + "</body></html>";
    }

    @Test
    void rulesBecomeStyleAttributesAndTheStyleElementGoes() {
        String out = CssInliner.inline(doc("p { color: #111; margin: 0 }", "<p>a</p><p>b</p>"));
        assertThat(out).contains("<p style=\"color:#111;margin:0\">a</p><p style=\"color:#111;margin:0\">b</p>")
                .doesNotContain("<style");
    }

    @Test
    void cascadeFollowsSpecificityThenSourceOrderThenTheElementsOwnStyle() {
        String css = ".x { color: red } p { color: blue; font-size: 16px } p { font-size: 14px } #i { color: green }";
        String out = CssInliner.inline(doc(css,
                "<p class=\"x\">class beats type</p><p>later wins</p><p id=\"i\" class=\"x\">id beats class</p>"
                        + "<p class=\"x\" style=\"color: black\">own style wins</p>"));
        assertThat(out)
                .contains("<p style=\"color:red;font-size:14px\">class beats type</p>")
                .contains("<p style=\"color:blue;font-size:14px\">later wins</p>")
                .contains("<p id=\"i\" style=\"color:green;font-size:14px\">id beats class</p>")
                .contains("<p style=\"color:black;font-size:14px\">own style wins</p>");
    }

    @Test
    void importantBeatsLaterAndInlineNormalDeclarations() {
        String out = CssInliner.inline(doc("p { color: red !important } .x { color: blue }",
                "<p class=\"x\" style=\"color:black\">t</p>"));
        assertThat(out).contains("<p style=\"color:red !important\">t</p>");
    }

    @Test
    void mediaRulesAndPseudoClassesStayInOneStyleElementWithTheClassesTheyNeed() {
        String css = ".card { background-color: #fff } a:hover { color: red }"
                + " @media (prefers-color-scheme: dark) { .card { background-color: #000 !important } }";
        String out = CssInliner.inline(doc(css, "<div class=\"card other\"><a href=\"#\">x</a></div>"));
        assertThat(out)
                .contains("<div class=\"card\" style=\"background-color:#fff\">")
                .contains("<style>a:hover{color:red}@media (prefers-color-scheme:dark){.card{background-color:#000 !important}}</style></head>");
        assertThat(out.indexOf("<style")).isEqualTo(out.lastIndexOf("<style"));
    }

    @Test
    void classesNoKeptRuleUsesAreRemoved() {
        String out = CssInliner.inline(doc(".a { color: red }", "<p class=\"a b\">t</p>"));
        assertThat(out).contains("<p style=\"color:red\">t</p>").doesNotContain("class=");
    }

    @Test
    void textAndAttributesAreKeptEscaped() {
        String out = CssInliner.inline(doc("p { color: red }",
                "<p title=\"a &amp; &quot;b&quot;\">&lt;script&gt; &amp; 💡 — é</p>"));
        assertThat(out).contains("title=\"a &amp; &quot;b&quot;\"").contains(">&lt;script&gt; &amp; 💡 — é</p>");
    }

    @Test
    void brokenCssIsRefused() {
        assertThatThrownBy(() -> CssInliner.inline(doc("p { color: red", "<p>t</p>")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deterministic() {
        String html = doc(".a { color: red } p { margin: 0 } @media (max-width: 600px) { p { margin: 4px } }",
                "<p class=\"a\">x</p><p>y</p>");
        assertThat(CssInliner.inline(html)).isEqualTo(CssInliner.inline(html));
    }

    @Test
    void specificity() {
        assertThat(CssInliner.specificity("p")).isEqualTo(1);
        assertThat(CssInliner.specificity(".a")).isEqualTo(100);
        assertThat(CssInliner.specificity("td.a p")).isEqualTo(102);
        assertThat(CssInliner.specificity("#x .a")).isEqualTo(10100);
        assertThat(CssInliner.specificity("a[href]")).isEqualTo(101);
    }
}
