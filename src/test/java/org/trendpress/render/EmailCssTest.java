package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import com.helger.css.ECSSVersion;
import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSMediaRule;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.reader.CSSReader;
import com.helger.css.reader.CSSReaderDeclarationList;
import com.helger.css.writer.CSSWriterSettings;

/**
 * The HTML email uses only CSS that the major clients support: every property, at-rule and
 * keyword it uses must be permitted by {@code templates/issue/email-css.tsv}, the allow-list
 * generated from caniemail's data by {@code templates/issue/email-css.sh} (see EMAIL-CSS.md).
 */
class EmailCssTest {

    private static final Path ALLOW_LIST = Path.of("templates/issue/email-css.tsv");
    private static final Set<String> PERMITTED = Set.of("allowed", "enhancement", "fallback", "baseline", "vendor");

    private final Renderer renderer = new Renderer(Path.of("templates"));

    @Test
    void theEmailUsesOnlyFeaturesTheAllowListPermits() throws IOException {
        Map<String, String> verdicts = allowList();
        Set<String> used = new TreeSet<>();
        used.addAll(features(renderer.emailHtml(SampleIssue.october2026(), SampleIssue.UNSUBSCRIBE_URL)));
        used.addAll(features(renderer.emailHtml(FullSizeIssue.create(), FullSizeIssue.UNSUBSCRIBE_URL)));
        used.addAll(features(renderer.emailHtml(SampleIssue.october2026().withTopicTrend(null), SampleIssue.UNSUBSCRIBE_URL)));
        assertThat(used).contains("color", "padding", "@media (prefers-color-scheme)", "img", "meta color-scheme");
        for (String feature : used) {
            assertThat(verdicts.get(feature))
                    .as("%s is used by the HTML email but not permitted by %s (run templates/issue/email-css.sh,"
                            + " then read EMAIL-CSS.md)", feature, ALLOW_LIST)
                    .isIn(PERMITTED);
        }
    }

    @Test
    void aFeatureOffTheListIsCaught() throws IOException {
        String html = "<!DOCTYPE html><html><head></head><body><p style=\"position:absolute;color:red\">x</p></body></html>";
        Set<String> used = features(html);
        assertThat(used).containsExactlyInAnyOrder("position", "color");
        assertThat(allowList().get("position")).isNull();
        assertThat(allowList().get("height")).isEqualTo("fallback");
    }

    /** Feature name (as in the TSV's first column) to verdict. */
    static Map<String, String> allowList() throws IOException {
        Map<String, String> verdicts = new TreeMap<>();
        for (String line : Files.readAllLines(ALLOW_LIST, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            verdicts.put(cols[0], cols[1]);
        }
        return verdicts;
    }

    /** Every CSS property, at-rule and related HTML feature the email uses, named as in the TSV. */
    static Set<String> features(String html) {
        Set<String> used = new TreeSet<>();
        Document doc = Jsoup.parse(html);
        for (Element e : doc.select("[style]")) {
            var list = CSSReaderDeclarationList.readFromString(e.attr("style"), ECSSVersion.CSS30);
            assertThat(list).as("style of <%s>: %s", e.tagName(), e.attr("style")).isNotNull();
            list.getAllDeclarations().forEach(d -> add(used, d));
        }
        for (Element style : doc.select("style")) {
            used.add("<style>");
            CascadingStyleSheet sheet = CSSReader.readFromString(style.data(), ECSSVersion.CSS30);
            assertThat(sheet).isNotNull();
            for (ICSSTopLevelRule rule : sheet.getAllRules()) {
                if (rule instanceof CSSMediaRule media) {
                    String query = media.getAsCSSString(new CSSWriterSettings(ECSSVersion.CSS30, true), 0);
                    used.add(query.contains("prefers-color-scheme") ? "@media (prefers-color-scheme)" : "@media");
                    for (ICSSTopLevelRule inner : media.getAllRules()) {
                        if (inner instanceof CSSStyleRule r) {
                            r.getAllDeclarations().forEach(d -> add(used, d));
                        } else {
                            used.add("unsupported rule inside @media");
                        }
                    }
                } else if (rule instanceof CSSStyleRule r) {
                    r.getAllDeclarations().forEach(d -> add(used, d));
                } else {
                    used.add(rule.getClass().getSimpleName());
                }
            }
        }
        if (!doc.select("img").isEmpty()) {
            used.add("img");
            used.add("image/png");
        }
        if (!doc.select("meta[name=color-scheme], meta[name=supported-color-schemes]").isEmpty()) {
            used.add("meta color-scheme");
        }
        return used;
    }

    private static void add(Set<String> used, CSSDeclaration d) {
        String property = d.getProperty().toLowerCase(Locale.ROOT);
        used.add(property);
        if (property.equals("display") && d.getExpressionAsCSSString().strip().equals("none")) {
            used.add("display:none");
        }
        if (d.isImportant()) {
            used.add("!important");
        }
    }
}
