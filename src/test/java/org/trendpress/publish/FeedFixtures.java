package org.trendpress.publish;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Small hand-written archive entries for the feed tests, and an XML reader for checking feeds. */
final class FeedFixtures {

    static final String NAME = "Trends in AI";
    static final String ARCHIVE = "https://trendpress.example.org/issues/";

    private FeedFixtures() {}

    /** Three issues; September was corrected after publication. */
    static List<FeedEntry> threeIssues() {
        return List.of(
                new FeedEntry("Trends in AI — August 2026", ARCHIVE + "2026-08/", "Sparse experts, cheaper.",
                        Instant.parse("2026-09-01T07:00:00Z"), Instant.parse("2026-09-01T07:00:00Z"),
                        "<article><p>Mixture models got <em>cheaper</em> to serve.</p></article>"),
                new FeedEntry("Trends in AI — September 2026", ARCHIVE + "2026-09/",
                        "Agents & <tools>: what changed.", Instant.parse("2026-10-01T07:00:00Z"),
                        Instant.parse("2026-10-03T16:45:12Z"),
                        "<article><p>Tool use is the theme &amp; planning the method.</p>"
                                + "<p><a href=\"" + ARCHIVE + "2026-09/#ref-1\">[1]</a> Café-grade é ✓</p></article>"),
                new FeedEntry("Trends in AI — October 2026", ARCHIVE + "2026-10/", "Kernels, compilers and curricula.",
                        Instant.parse("2026-11-02T08:00:00Z"), null,
                        "<article><h2>🔬 Research</h2><p>Compilers write kernels now.</p>"
                                + "<img src=\"" + ARCHIVE + "2026-10/chart.png\" alt=\"Topic shares\"></article>"));
    }

    /** {@code n} issues, one a month from January 2024, in publication order. */
    static List<FeedEntry> monthly(int n) {
        List<FeedEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int year = 2024 + i / 12;
            int month = 1 + i % 12;
            String ym = String.format("%d-%02d", year, month);
            Instant at = Instant.parse(ym + "-02T08:00:00Z").plusSeconds(31L * 86400);
            out.add(new FeedEntry("Trends in AI — " + ym, ARCHIVE + ym + "/", "Summary of " + ym + ".", at, at,
                    "<p>Issue " + ym + "</p>"));
        }
        return out;
    }

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }
}
