package org.trendpress.curate;

import java.text.BreakIterator;
import java.util.Locale;
import org.trendpress.classify.DatasetDetector;

/** Small text rules for editor input and drafted notes. */
final class Texts {

    private Texts() {}

    /** Trims, normalises line ends, drops control characters (keeps newlines and tabs) and caps the length. */
    static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cc}&&[^\n\t]]", "").strip();
        if (t.length() > max) {
            throw new CurateException("text is longer than " + max + " characters");
        }
        return t.isEmpty() ? null : t;
    }

    /** Whether the text (a title, an abstract, or both) introduces a dataset or benchmark; see DatasetDetector. */
    static boolean introducesDataset(String text) {
        return text != null && DatasetDetector.detect(text, text).isPresent();
    }

    static String firstSentences(String text, int n) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = stripAbstractPrefix(text);
        int end = sentenceEnd(t, n);
        return t.substring(0, end).strip();
    }

    static String afterFirstSentences(String text, int n) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = stripAbstractPrefix(text);
        String rest = t.substring(sentenceEnd(t, n)).strip();
        return rest.isEmpty() ? null : rest;
    }

    private static int sentenceEnd(String t, int n) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(t);
        int end = 0;
        for (int i = 0; i < n; i++) {
            int next = it.next();
            if (next == BreakIterator.DONE) {
                return t.length();
            }
            end = next;
        }
        return end;
    }

    /** arXiv RSS descriptions start "arXiv:2610.01234v1 Announce Type: new Abstract: ..." */
    private static String stripAbstractPrefix(String t) {
        String s = t.strip();
        int i = s.indexOf("Abstract:");
        if (s.startsWith("arXiv:") && i >= 0) {
            return s.substring(i + "Abstract:".length()).strip();
        }
        return s;
    }
}
