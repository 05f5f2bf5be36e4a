import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the benchmark's RSS 2.0 feeds: deterministic (seeded by source and version), with
 * realistic weight — HTML summaries with links, emphasis, lists, entities and the odd script or
 * image for the sanitiser, dc:creator author lists, categories, a quarter of the sources with
 * content:encoded bodies, and about a third of the items pointing at an arXiv paper from a shared
 * pool (so the same paper shows up at several sources and merges).
 */
final class FeedGen {

    static final int ARXIV_POOL = 4000;

    private static final String[] WORDS = ("attention transformer sparse diffusion agent reasoning benchmark retrieval"
            + " alignment scaling token routing memory vision language policy reward graph causal robust efficient"
            + " quantised distillation latent planning tool multimodal dataset evaluation kernel compiler inference"
            + " training curriculum synthetic preference feedback mixture expert context window speculative decoding"
            + " protein weather robotics audio video code search safety interpretability circuit probe").split(" ");
    private static final String[] FIRST = ("Ana Bo Chiara Dmitri Esther Farid Gu Hana Ines Jonas Kofi Lena Mateo Nadia"
            + " Omar Priya Quentin Rosa Sven Tomoko Umar Vera Wen Ximena Yusuf Zofia").split(" ");
    private static final String[] LAST = ("Ortiz Chen Rossi Volkov Adeyemi Haddad Li Sato Baptista Berg Mensah Novak"
            + " Silva Haddad Farouk Raman Dubois Moreno Lund Arai Khan Petrova Zhang Lopez Demir Kowalska").split(" ");
    private static final DateTimeFormatter RFC822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FeedGen() {}

    /** Source {@code s}'s feed at version {@code v}: {@code items} entries, all new at each version. */
    static byte[] feed(int s, int v, int items) {
        Random r = new Random(s * 7919L + v * 104729L);
        boolean fullContent = s % 4 == 0;
        StringBuilder b = new StringBuilder(items * 2200);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
                .append(" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"")
                .append(" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
                .append("  <title>Bench source ").append(s).append(" &amp; friends</title>\n")
                .append("  <link>https://source-").append(s).append(".example/</link>\n")
                .append("  <atom:link href=\"https://source-").append(s)
                .append(".example/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n")
                .append("  <description>Generated research and news posts for the ingest benchmark.</description>\n")
                .append("  <language>en</language>\n")
                .append("  <lastBuildDate>").append(RFC822.format(time(v, 0))).append("</lastBuildDate>\n");
        for (int i = 0; i < items; i++) {
            item(b, r, s, v, i, fullContent);
        }
        b.append("</channel>\n</rss>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Instant time(int v, int i) {
        return Instant.parse("2026-10-01T00:00:00Z").plusSeconds(v * 86_400L - i * 1_800L);
    }

    private static void item(StringBuilder b, Random r, int s, int v, int i, boolean fullContent) {
        String title = name(r) + ": " + sentence(r, 5 + r.nextInt(8));
        String slug = "v" + v + "-" + i + "-" + WORDS[r.nextInt(WORDS.length)];
        String link = "https://source-" + s + ".example/posts/" + slug + (r.nextInt(5) == 0 ? "?utm_source=rss&utm_medium=feed" : "");
        String arxiv = r.nextInt(3) == 0 ? String.format(Locale.ROOT, "2610.%05d", r.nextInt(ARXIV_POOL)) : null;
        b.append("  <item>\n")
                .append("    <title>").append(title).append(r.nextInt(6) == 0 ? " &#8212; a &#8220;note&#8221;" : "")
                .append("</title>\n")
                .append("    <link>").append(link.replace("&", "&amp;")).append("</link>\n")
                .append("    <guid isPermaLink=\"false\">source-").append(s).append("-").append(slug).append("</guid>\n")
                .append("    <pubDate>").append(RFC822.format(time(v, i))).append("</pubDate>\n")
                .append("    <dc:creator>").append(authors(r)).append("</dc:creator>\n");
        for (int c = 0; c < 1 + r.nextInt(3); c++) {
            b.append("    <category>").append(WORDS[r.nextInt(WORDS.length)]).append("</category>\n");
        }
        String summary = summaryHtml(r, arxiv, 2 + r.nextInt(3));
        b.append("    <description><![CDATA[").append(summary).append("]]></description>\n");
        if (fullContent) {
            b.append("    <content:encoded><![CDATA[").append(summary).append(summaryHtml(r, null, 3 + r.nextInt(3)))
                    .append("]]></content:encoded>\n");
        }
        b.append("  </item>\n");
    }

    private static String authors(Random r) {
        int n = 1 + r.nextInt(6);
        StringBuilder a = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                a.append(k == n - 1 ? " and " : ", ");
            }
            a.append(FIRST[r.nextInt(FIRST.length)]).append(' ').append(LAST[r.nextInt(LAST.length)]);
        }
        return a.toString();
    }

    private static String summaryHtml(Random r, String arxiv, int paragraphs) {
        StringBuilder h = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            h.append("<p>").append(sentence(r, 12 + r.nextInt(14))).append(". We <em>")
                    .append(WORDS[r.nextInt(WORDS.length)]).append("</em> the <strong>")
                    .append(WORDS[r.nextInt(WORDS.length)]).append("</strong> and report results&nbsp;on <code>")
                    .append(WORDS[r.nextInt(WORDS.length)]).append("-bench</code> &amp; friends. ")
                    .append(sentence(r, 10 + r.nextInt(12))).append(".</p>");
            if (r.nextInt(4) == 0) {
                h.append("<ul><li>").append(sentence(r, 5)).append("</li><li>").append(sentence(r, 6))
                        .append("</li></ul>");
            }
        }
        if (arxiv != null) {
            String form = switch (r.nextInt(3)) {
                case 0 -> "https://arxiv.org/abs/" + arxiv;
                case 1 -> "https://arxiv.org/abs/" + arxiv + "v" + (1 + r.nextInt(3));
                default -> "https://arxiv.org/pdf/" + arxiv + ".pdf";
            };
            h.append("<p>Paper: <a href=\"").append(form).append("\">arXiv:").append(arxiv).append("</a>");
            if (r.nextBoolean()) {
                h.append(", code on <a href=\"https://github.com/bench-lab/").append(WORDS[r.nextInt(WORDS.length)])
                        .append("\" target=\"_blank\">GitHub</a>");
            }
            h.append(".</p>");
        }
        if (r.nextInt(10) == 0) {
            h.append("<img src=\"https://cdn.example/fig.png\" onerror=\"alert(1)\" alt=\"figure\"/>");
        }
        if (r.nextInt(20) == 0) {
            h.append("<script>track('read')</script><iframe src=\"https://ads.example/\"></iframe>");
        }
        return h.toString();
    }

    private static final String[] SYLLABLES = ("ka lo mi re tu sa vo ne pi da gor fen lix mar tor vel quin zar"
            + " bel cor dun eth fal gim hol jas kep lum nor pax rin sul tav").split(" ");

    /** A system name such as most paper titles lead with ("Kestrel: …"), from a few thousand possible. */
    private static String name(Random r) {
        StringBuilder n = new StringBuilder();
        for (int k = 2 + r.nextInt(2); k > 0; k--) {
            n.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static String sentence(Random r, int words) {
        StringBuilder t = new StringBuilder();
        for (int k = 0; k < words; k++) {
            String w = WORDS[r.nextInt(WORDS.length)];
            if (k == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            t.append(k == 0 ? "" : " ").append(w);
        }
        return t.toString();
    }
}
