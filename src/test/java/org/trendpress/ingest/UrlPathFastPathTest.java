package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code ItemStore.hasPath} reads the path of a plain http(s) URL without {@link URI}: its answer
 * is the one {@code URI.create(url).getPath()} gives, for every string, including the ones the
 * fast path leaves to {@link URI} (escapes, brackets, spaces, a second '#', no authority).
 */
class UrlPathFastPathTest {

    /** What hasPath answered before the fast path. */
    private static boolean byUri(String url) {
        if (url == null) {
            return false;
        }
        try {
            String path = URI.create(url).getPath();
            return path != null && path.length() > 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void sameAnswerAsUriOnGeneratedUrls() {
        String[] heads = {"http://", "https://", "HTTP://", "ftp://", "http:/", "http:", "", "https:///", "http://[::1]",
            "http://user@", "http://a@b@", "http://:80", "http://-x.", "http://a..b", "http://h:99999999999"};
        String[] hosts = {"example.org", "arxiv.org", "a", "", "x-y.z", "h:8080", "h:", "EXAMPLE.ORG", "h_1", "h!", "h~"};
        String alphabet = "abcXYZ019-._~!$&'()*+,;=:@/?#%20 []|^\"{}\\é\t\n<>";
        Random r = new Random(11);
        int fast = 0;
        for (int k = 0; k < 200_000; k++) {
            StringBuilder b = new StringBuilder(heads[r.nextInt(heads.length)]).append(hosts[r.nextInt(hosts.length)]);
            int n = r.nextInt(4) == 0 ? 0 : r.nextInt(14);
            for (int i = 0; i < n; i++) {
                // mostly plain path characters, sometimes anything of the alphabet
                b.append(r.nextInt(3) == 0 ? alphabet.charAt(r.nextInt(alphabet.length())) : "ab/-.x?#".charAt(r.nextInt(8)));
            }
            String url = b.toString();
            if (ItemStore.plainHttpPathLength(url) >= 0) {
                fast++;
            }
            assertThat(ItemStore.hasPath(url)).as(url).isEqualTo(byUri(url));
        }
        // the fast path is the common case, not a formality
        assertThat(fast).isGreaterThan(30_000);
    }

    @Test
    void sameAnswerOnTheShapesCanonicalUrlsTake() {
        String[] urls = {"https://arxiv.org/abs/2401.00001", "https://example.org/", "https://example.org",
            "https://example.org/?q=1", "https://example.org/#top", "https://example.org/a?b#c", "http://h:8080/x",
            "https://example.org/a%20b", "https://example.org/a b", "https://[2001:db8::1]/x", "https://example.org/a#b#c",
            "https://example.org/a?b#c?d/e", "http:///x", "http://", "https://example.org/~user/(x)", null, ""};
        for (String url : urls) {
            assertThat(ItemStore.hasPath(url)).as(String.valueOf(url)).isEqualTo(byUri(url));
        }
        assertThat(ItemStore.plainHttpPathLength("https://arxiv.org/abs/2401.00001")).isEqualTo("/abs/2401.00001".length());
        assertThat(ItemStore.plainHttpPathLength("https://example.org/a%20b")).isEqualTo(-1);
    }
}
