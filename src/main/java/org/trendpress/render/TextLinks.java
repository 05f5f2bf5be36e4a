package org.trendpress.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the links of one plain-text email in the order the template meets them, for "[3]"
 * marks in the text and the numbered list at the end. The same URL keeps its first number. One
 * instance per rendering (it remembers what it numbered); not thread-safe.
 */
public final class TextLinks {

    private final Map<String, Integer> numbers = new LinkedHashMap<>();

    /** The mark for {@code url}, e.g. "[3]", numbering it if new. */
    public String mark(String url) {
        return "[" + number(url) + "]";
    }

    /** The number of {@code url}, numbering it if new. */
    public int number(String url) {
        return numbers.computeIfAbsent(url, u -> numbers.size() + 1);
    }

    /** "[n] url" lines in number order. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        int width = String.valueOf(numbers.size()).length();
        for (Map.Entry<String, Integer> e : numbers.entrySet()) {
            String mark = "[" + e.getValue() + "]";
            lines.add(mark + " ".repeat(width + 3 - mark.length()) + e.getKey());
        }
        return lines;
    }

    public boolean isEmpty() {
        return numbers.isEmpty();
    }
}
