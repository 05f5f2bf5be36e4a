package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Links#arxivId}, {@link Links#arxivVersion} and {@link Links#doi} try their patterns only
 * near the literals a match must contain. They must give exactly what a plain {@code find()} over
 * the whole text gives: checked here against that reference on hand-picked and random texts.
 */
class LinksFastPathTest {

    private static final List<String> PIECES = List.of(
            "arxiv.org/abs/2401.01234", "https://export.arxiv.org/pdf/2401.01234v3", "arXiv:2312.00001",
            "ARXIV: 2312.00001V2", "arxiv:hep-th/9901001", "arxiv.org/abs/math.GT/0309136v2", "10.48550/arXiv.2401.99999",
            "https://huggingface.co/papers/2402.00002", "hf.co/papers/2402.00003", "tldr.takara.ai/p/2402.00004",
            "www.alphaxiv.org/abs/2402.00005", "ar5iv.org/html/2402.00006", "scirate.com/arxiv/2402.00007",
            "semanticscholar.org/arxiv/2402.00008", "arxiv-sanity-lite.com/?rank=pid&pid=2402.00009",
            "x.arxiv.org/abs/2401.01234", "foo-arxiv.org/abs/2401.01234", "a.b-c.arxiv.org/abs/2401.1234",
            "notarxiv.org/abs/2401.01234", "2401.01234", "arxiv", "ArXiv", "/papers/", "takara.ai/p/",
            "doi.org/10.1000/xyz", "https://dx.doi.org/10.1016%2Fj.cell.2020.01.001", "doi:10.1038/nature12373.",
            "10.1016/s0140-6736(20)30183-5)", "10.5% more", "v10.1234/abc", "(10.1145/3292500.3330701)", "DOI.ORG/10.1/x",
            " ", ".", "-", "/", "v2", "12", "<a href=\"", "\">", "&", "é", "\n", "word", "pdf/",
            "\u212Arxiv", "arx\u0130v", "DOİ.org/10.1/y", "\u0131");

    /** The search for anchors finds what lower-casing A to Z and searching the copy finds. */
    @Test
    void anAnchorIsFoundWhereTheLowerCasedTextHasIt() {
        Random r = new Random(13);
        List<String> anchors = List.of("arxiv", "alphaxiv.org/", "/papers/", "takara.ai/p/", "ar5iv.org/", "doi.org/");
        for (int n = 0; n < 5_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(12); k > 0; k--) {
                b.append(PIECES.get(r.nextInt(PIECES.size())));
            }
            String text = b.toString();
            StringBuilder lowered = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                lowered.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            String lower = lowered.toString();
            for (String anchor : anchors) {
                for (int from = 0; from <= text.length() + 1; from++) {
                    assertThat(Links.indexOfAsciiLower(text, anchor, from)).as("%s in %s from %d", anchor, text, from)
                            .isEqualTo(lower.indexOf(anchor, from));
                }
            }
        }
    }

    @Test
    void theFastPathAgreesWithFindOnHandPickedAndRandomTexts() throws Exception {
        Pattern arxivNew = pattern("ARXIV_NEW");
        Pattern arxivOld = pattern("ARXIV_OLD");
        Pattern doi = pattern("DOI");
        Pattern doiLink = pattern("DOI_LINK");
        Random r = new Random(42);
        for (String p : PIECES) {
            check(p, arxivNew, arxivOld, doi, doiLink);
        }
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0, n = 1 + r.nextInt(6); k < n; k++) {
                b.append(PIECES.get(r.nextInt(PIECES.size())));
            }
            check(b.toString(), arxivNew, arxivOld, doi, doiLink);
        }
    }

    private static void check(String text, Pattern arxivNew, Pattern arxivOld, Pattern doi, Pattern doiLink) {
        Matcher ref = referenceArxiv(text, arxivNew, arxivOld);
        Optional<String> id = ref == null ? Optional.empty()
                : Optional.of(ref.pattern() == arxivNew ? ref.group(1) : ref.group(1).toLowerCase(Locale.ROOT) + "/" + ref.group(2));
        assertThat(Links.arxivId(text)).as(text).isEqualTo(id);
        String v = ref == null ? null : ref.pattern() == arxivNew ? ref.group(2) : ref.group(3);
        int version = v == null ? 0 : Integer.parseInt(v);
        assertThat(Links.arxivVersion(text)).as(text).isEqualTo(version);
        assertThat(Links.doi(text)).as(text).isEqualTo(referenceDoi(text, doi, doiLink));
    }

    /** The arXiv look-up as plain find() calls over the whole text. */
    private static Matcher referenceArxiv(String text, Pattern arxivNew, Pattern arxivOld) {
        Matcher n = arxivNew.matcher(text);
        Matcher o = arxivOld.matcher(text);
        boolean hasNew = n.find();
        boolean hasOld = o.find();
        if (hasNew && hasOld) {
            return n.start() <= o.start() ? n : o;
        }
        return hasNew ? n : hasOld ? o : null;
    }

    /** The DOI look-up as plain find() calls, then Links.doi's own clean-up (applied to the same match). */
    private static Optional<String> referenceDoi(String text, Pattern doi, Pattern doiLink) {
        Matcher link = doiLink.matcher(text);
        Matcher bare = doi.matcher(text);
        boolean hasLink = link.find();
        boolean hasBare = bare.find();
        String found;
        if (hasLink && (!hasBare || link.start() < bare.start())) {
            try {
                found = URLDecoder.decode(link.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                found = link.group(1);
            }
        } else if (hasBare) {
            found = bare.group(1);
        } else {
            return Optional.empty();
        }
        String trimmed = trimTrailing(found);
        return trimmed.indexOf('/') < trimmed.length() - 1 ? Optional.of(trimmed.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    private static String trimTrailing(String doi) {
        try {
            java.lang.reflect.Method m = Links.class.getDeclaredMethod("trimTrailing", String.class);
            m.setAccessible(true);
            return (String) m.invoke(null, doi);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Pattern pattern(String name) throws Exception {
        Field f = Links.class.getDeclaredField(name);
        f.setAccessible(true);
        return (Pattern) f.get(null);
    }
}
