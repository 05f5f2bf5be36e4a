package org.trendpress.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Citations in editors' notes and the numbered References they point at.
 *
 * <p>An editor cites a work inside a note (the intro, a paper's Why or Key insights, a news
 * text, a dataset's TL;DR) by writing, straight after the word it annotates,
 * {@code [[text | https://link]]} or just {@code [[text]]}. The text is the reference as it is
 * listed ("U-Net: Convolutional Networks for Biomedical Image Segmentation, Ronneberger et al.
 * 2015"); the link is optional and kept only when it is an absolute http(s) URL (any other
 * {@code scheme:…} after the last {@code |} is dropped, the text kept). Brackets that do not
 * form a citation ({@code [[} without {@code ]]}, an empty {@code [[ ]]}) stay as typed.
 *
 * <p>The notes keep the citations as typed in the frozen issue ({@code issue.json}), so a
 * correction shows and keeps them; the References list is worked out from the notes by
 * {@link #withReferences}: cited works numbered in order of first appearance across the issue
 * (intro, news, research entries in order with Why then Key insights, datasets), the same work
 * cited again keeping its number (same link, or, for a citation without link, same text), then
 * the issue's other references (one per research paper) not already cited. The renderings look
 * each citation up in that list ({@link Marks}) to draw its mark. Pure functions: same input,
 * same output.
 */
public final class Citations {

    /** What follows the last "|" when it is meant as a link: a scheme and no spaces. */
    private static final Pattern LINK_SLOT = Pattern.compile("(?i)^[a-z][a-z0-9+.\\-]*:\\S*$");

    private Citations() {}

    /** A cited work: its reference text and its http(s) link, or null. */
    public record Cite(String text, String url) {}

    /** A piece of a note: plain text ({@code cite} null) or a citation. */
    public record Piece(String text, Cite cite) {}

    /**
     * Splits a note into plain text and citations. Text outside citations is returned as is
     * (adjacent pieces of text are joined).
     */
    public static List<Piece> parse(String note) {
        List<Piece> pieces = new ArrayList<>();
        if (note == null || note.isEmpty()) {
            return pieces;
        }
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < note.length()) {
            int open = note.indexOf("[[", i);
            int close = open < 0 ? -1 : note.indexOf("]]", open + 2);
            if (close < 0) {
                break;
            }
            // the innermost "[[" before this "]]": "[[a [[b]]" cites b and leaves "[[a " as text
            int inner = note.lastIndexOf("[[", close - 1);
            if (inner > open && inner + 2 <= close) {
                open = inner;
            }
            Cite cite = cite(note.substring(open + 2, close));
            if (cite == null) {
                plain.append(note, i, open + 2);
                i = open + 2;
                continue;
            }
            plain.append(note, i, open);
            if (plain.length() > 0) {
                pieces.add(new Piece(plain.toString(), null));
                plain.setLength(0);
            }
            pieces.add(new Piece(null, cite));
            i = close + 2;
        }
        plain.append(note.substring(Math.min(i, note.length())));
        if (plain.length() > 0) {
            pieces.add(new Piece(plain.toString(), null));
        }
        return pieces;
    }

    /** The citation written between "[[" and "]]", or null if it is not one (no text, no link). */
    static Cite cite(String inside) {
        String text = inside;
        String url = null;
        int bar = inside.lastIndexOf('|');
        if (bar >= 0) {
            String slot = inside.substring(bar + 1).strip();
            if (slot.isEmpty() || LINK_SLOT.matcher(slot).matches()) {
                text = inside.substring(0, bar);
                url = isHttpUrl(slot) ? slot : null;
            }
        }
        text = collapse(text);
        if (text.isEmpty()) {
            text = url == null ? "" : url;
        }
        return text.isEmpty() ? null : new Cite(text, url);
    }

    /** An absolute http(s) URL with a host and nothing a URI may not contain. */
    static boolean isHttpUrl(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return false;
        }
        try {
            URI uri = new URI(s);
            return uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The issue with its References worked out from its notes: the cited works in order of first
     * appearance, then {@code others} (e.g. one reference per research paper) that were not
     * cited, all numbered from 1.
     */
    public static IssueModel withReferences(IssueModel issue, List<IssueModel.Reference> others) {
        Numbering numbering = new Numbering();
        for (String note : notes(issue)) {
            for (Piece p : parse(note)) {
                if (p.cite() != null && numbering.find(p.cite().text(), p.cite().url()) == 0) {
                    numbering.add(p.cite().text(), p.cite().url());
                }
            }
        }
        for (IssueModel.Reference r : others == null ? List.<IssueModel.Reference>of() : others) {
            boolean cited = r.url() != null ? numbering.byUrl.containsKey(r.url())
                    : numbering.byText.containsKey(key(r.text()));
            if (!cited) {
                numbering.add(r.text(), r.url());
            }
        }
        return issue.withReferences(List.copyOf(numbering.references));
    }

    /**
     * The issue's references that none of its notes cites, in order (for a correction: those are
     * kept after the works the corrected notes cite).
     */
    public static List<IssueModel.Reference> uncited(IssueModel issue) {
        Marks marks = new Marks(issue.references());
        java.util.Set<Integer> cited = new java.util.HashSet<>();
        for (String note : notes(issue)) {
            for (Piece p : parse(note)) {
                if (p.cite() != null) {
                    cited.add(marks.number(p.cite()));
                }
            }
        }
        List<IssueModel.Reference> out = new ArrayList<>();
        for (IssueModel.Reference r : nonNull(issue.references())) {
            if (!cited.contains(r.number())) {
                out.add(r);
            }
        }
        return out;
    }

    /** The notes that may cite, in reading order. */
    static List<String> notes(IssueModel issue) {
        List<String> notes = new ArrayList<>(nonNull(issue.intro()));
        for (IssueModel.NewsEntry n : nonNull(issue.news())) {
            notes.add(n.text());
        }
        for (IssueModel.ResearchEntry r : nonNull(issue.research())) {
            notes.addAll(nonNull(r.why()));
            notes.addAll(nonNull(r.keyInsights()));
        }
        for (IssueModel.DatasetEntry d : nonNull(issue.datasets())) {
            notes.add(d.tldr());
        }
        return notes;
    }

    /** Whitespace runs as one space, stripped. */
    static String collapse(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /** The text a citation without link is matched by: collapsed, case-insensitive. */
    static String key(String text) {
        return collapse(text).toLowerCase(Locale.ROOT);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Works and their numbers, looked up by link, or by text for a citation without link. */
    private static final class Numbering {
        final List<IssueModel.Reference> references = new ArrayList<>();
        final Map<String, Integer> byUrl = new HashMap<>();
        final Map<String, Integer> byText = new HashMap<>();

        int find(String text, String url) {
            Integer n = url != null ? byUrl.get(url) : byText.get(key(text));
            return n == null ? 0 : n;
        }

        void add(String text, String url) {
            int n = references.size() + 1;
            references.add(new IssueModel.Reference(n, text, url));
            index(n, text, url);
        }

        void index(int n, String text, String url) {
            if (url != null) {
                byUrl.putIfAbsent(url, n);
            }
            if (text != null) {
                byText.putIfAbsent(key(text), n);
            }
        }
    }

    /** A piece of a note as rendered: text, or the mark of reference {@code number}. */
    public record Segment(String text, int number, boolean afterMark) {
        public boolean isMark() {
            return number > 0;
        }
    }

    /**
     * The marks of one issue: each citation of its notes looked up in its References. The
     * renderings get one as the variable {@code cites}. A citation the References lack (an
     * inconsistent stored issue) shows its text in place of a mark, so nothing is lost.
     */
    public static final class Marks {

        private static final String SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

        private final Numbering numbering = new Numbering();

        public Marks(List<IssueModel.Reference> references) {
            for (IssueModel.Reference r : nonNull(references)) {
                numbering.index(r.number(), r.text(), r.url());
            }
        }

        /** The reference number of {@code cite}, or 0 when the References lack it. */
        public int number(Cite cite) {
            return numbering.find(cite.text(), cite.url());
        }

        /**
         * The note as text and marks, for the HTML renderings. {@code afterMark} is set on a mark
         * that directly follows another, so "¹²" can be written "¹,²".
         */
        public List<Segment> segments(String note) {
            List<Segment> out = new ArrayList<>();
            for (Piece p : parse(note)) {
                if (p.cite() == null) {
                    out.add(new Segment(p.text(), 0, false));
                    continue;
                }
                int n = number(p.cite());
                if (n == 0) {
                    out.add(new Segment(p.cite().text(), 0, false));
                } else {
                    boolean after = !out.isEmpty() && out.get(out.size() - 1).isMark();
                    out.add(new Segment(null, n, after));
                }
            }
            return out;
        }

        /** The note as plain text, each citation a superscript number ("U-Net¹", "¹,²"). */
        public String text(String note) {
            StringBuilder sb = new StringBuilder();
            for (Segment s : segments(note)) {
                if (!s.isMark()) {
                    sb.append(s.text());
                    continue;
                }
                if (s.afterMark()) {
                    sb.append(',');
                }
                sb.append(superscript(s.number()));
            }
            return sb.toString();
        }

        static String superscript(int n) {
            StringBuilder sb = new StringBuilder();
            for (char c : Integer.toString(n).toCharArray()) {
                sb.append(SUPERSCRIPT.charAt(c - '0'));
            }
            return sb.toString();
        }
    }
}
