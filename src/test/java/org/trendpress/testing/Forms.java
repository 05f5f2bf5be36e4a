package org.trendpress.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Form bodies as a browser sends them, for tests that post to the web pages. */
public final class Forms {

    private Forms() {}

    /** {@code application/x-www-form-urlencoded} from name, value, name, value... */
    public static String encode(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
