package org.trendpress.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Small text formats the issue templates need and Thymeleaf's expression objects lack: joining
 * author names the way the issue reads ("A, B, and C") and wrapping plain-text paragraphs for
 * the text email. Exposed to every template as the variable {@code fmt}. Pure functions: same
 * input, same output.
 */
public final class TemplateFormats {

    /** Column at which the text email wraps its paragraphs. */
    public static final int TEXT_WIDTH = 72;

    TemplateFormats() {}

    /**
     * Joins author names: "A", "A and B", "A, B, and C".
     *
     * @param names author names in order; null or empty gives ""
     * @return the names joined for a "By …" line
     */
    public String authors(List<String> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        List<String> clean = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                clean.add(name.strip());
            }
        }
        int n = clean.size();
        if (n == 0) {
            return "";
        }
        if (n == 1) {
            return clean.get(0);
        }
        if (n == 2) {
            return clean.get(0) + " and " + clean.get(1);
        }
        return String.join(", ", clean.subList(0, n - 1)) + ", and " + clean.get(n - 1);
    }

    /** Wraps {@code text} at {@link #TEXT_WIDTH} columns with no indent. */
    public String wrap(String text) {
        return wrap(text, TEXT_WIDTH, "", "");
    }

    /** Wraps {@code text} at {@link #TEXT_WIDTH}, every line starting with {@code indent}. */
    public String wrap(String text, String indent) {
        return wrap(text, TEXT_WIDTH, indent, indent);
    }

    /**
     * Wraps {@code text} at {@link #TEXT_WIDTH}: the first line starts with {@code first} (e.g.
     * "- " or "[3] "), the following ones with {@code rest}.
     */
    public String wrap(String text, String first, String rest) {
        return wrap(text, TEXT_WIDTH, first, rest);
    }

    /** A line of {@code c} as long as {@code heading} (counted in code points), to underline it. */
    public String underline(String heading, String c) {
        int length = heading == null ? 0 : heading.codePointCount(0, heading.length());
        return c.repeat(length);
    }

    /**
     * Greedy word wrap. Whitespace runs collapse to one space; a word longer than the width
     * (a long URL) gets a line of its own and is never broken. Lines carry no trailing spaces
     * and the result no trailing newline. Widths count code points.
     */
    static String wrap(String text, int width, String first, String rest) {
        String[] words = text == null ? new String[0] : text.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(first);
        int prefixLength = first.length();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            boolean lineHasWords = line.length() > prefixLength;
            if (lineHasWords && columns(line) + 1 + columns(word) > width) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(rest);
                prefixLength = rest.length();
                lineHasWords = false;
            }
            if (lineHasWords) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line);
        return out.toString().stripTrailing();
    }

    private static int columns(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }
}
