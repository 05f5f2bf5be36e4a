package org.trendpress.classify;

import java.util.Locale;

/** Which section an Item can go to: news, research, or other (off-topic noise). */
public enum Kind {
    NEWS, RESEARCH, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
