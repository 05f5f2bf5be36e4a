package org.trendpress.ingest;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The best metadata and signals of a Paper over all its sightings, the same whatever order the
 * sources were polled in.
 *
 * <p>Preference: arXiv itself (latest version first) over other research sources (Hugging Face,
 * lab blogs) over news; within a rank, the earliest sighting (lowest item id). A field takes the
 * first non-blank value in that order, except: the abstract is arXiv's when arXiv has one, else the
 * longest research abstract, else the longest of any; the authors are a research sighting's when
 * one has them; the code link is the one with the most GitHub stars; the publication time is the
 * earliest research sighting's (any sighting's when none is research). Signals (upvotes, stars,
 * comments, arXiv version) are maxima; mentions are the distinct sources.
 *
 * <p>Every one of those rules picks, per field, the best sighting under an order of its own, so the
 * result can be kept up to date one sighting at a time: {@link Merge} remembers each field's
 * winner's order key ({@link Merge#encode}, stored on the paper row), and a new sighting is merged
 * from the paper row alone instead of reading every sighting back.
 */
final class PaperMetadata {

    static final int RANK_ARXIV = 3;
    static final int RANK_RESEARCH = 2;
    static final int RANK_NEWS = 1;

    private PaperMetadata() {}

    /** One stored item of a paper, as far as merging needs it. */
    record Sighting(long itemId, String sourceId, int rank, String title, String summary, String authors,
            String arxivId, String doi, int arxivVersion, int upvotes, int stars, int comments, String codeUrl,
            String projectUrl, String pdfUrl, String primaryCategory, String categories, String comment,
            String journalRef, Instant publishedAt) {}

    /** What the paper row should say. */
    record Best(String title, String summary, String authors, String arxivId, String doi, int arxivVersion,
            int upvotes, int stars, int comments, String codeUrl, String projectUrl, String pdfUrl,
            String primaryCategory, String categories, String comment, String journalRef, Instant publishedAt,
            int mentions) {}

    /** The paper's merged columns as the row holds them; a {@link Merge} is only read back against the row it wrote. */
    record Row(String title, String summary, String authors, String codeUrl, String projectUrl, String pdfUrl,
            String primaryCategory, String categories, String comment, String journalRef, int arxivVersion,
            int mentions, int upvotes, int stars, int comments) {

        /** The row a paper should have for {@code b}. */
        static Row of(Best b) {
            return new Row(b.title(), b.summary(), b.authors(), b.codeUrl(), b.projectUrl(), b.pdfUrl(),
                    b.primaryCategory(), b.categories(), b.comment(), b.journalRef(), b.arxivVersion(), b.mentions(),
                    b.upvotes(), b.stars(), b.comments());
        }

        /**
         * A 64-bit fingerprint (FNV-1a) of every merged column: a state whose row was changed since
         * by anything else (an older version of Trendpress, a hand edit) no longer fits it.
         */
        long fingerprint() {
            long h = 0xcbf29ce484222325L;
            for (String v : new String[] {title, summary, authors, codeUrl, projectUrl, pdfUrl, primaryCategory,
                    categories, comment, journalRef}) {
                if (v == null) {
                    h = (h ^ 0x1_0000L) * 0x100000001b3L;
                } else {
                    for (int i = 0; i < v.length(); i++) {
                        h = (h ^ v.charAt(i)) * 0x100000001b3L;
                    }
                    h = (h ^ 0x1_0001L) * 0x100000001b3L;
                }
            }
            for (int v : new int[] {arxivVersion, mentions, upvotes, stars, comments}) {
                h = (h ^ v) * 0x100000001b3L;
            }
            return h;
        }
    }

    static Best best(List<Sighting> sightings) {
        if (sightings.isEmpty()) {
            throw new IllegalArgumentException("a paper has at least one sighting");
        }
        return Merge.of(sightings).best();
    }

    /**
     * The winners so far, field by field. A winner's order key is {class, measure, rank, arXiv
     * version, item id}: a higher class wins, then a higher measure (an abstract's length, a code
     * link's stars), then the preference order (higher rank, higher version, lower item id).
     */
    static final class Merge {
        private static final int TITLE = 0;
        private static final int AUTHORS = 1;
        private static final int ARXIV = 2;
        private static final int DOI = 3;
        private static final int PROJECT = 4;
        private static final int PDF = 5;
        private static final int PRIMARY = 6;
        private static final int CATEGORIES = 7;
        private static final int COMMENT = 8;
        private static final int JOURNAL = 9;
        private static final int SUMMARY = 10;
        private static final int CODE = 11;
        private static final int FIELDS = 12;
        private static final String FORMAT = "m1";

        private final String[] values = new String[FIELDS];
        private final long[][] keys = new long[FIELDS][];
        /** 2 once a research sighting was seen, 1 once any was; the time is the earliest of that class. */
        private int publishedClass;
        private Instant published;
        private int arxivVersion;
        private int upvotes;
        private int stars;
        private int comments;
        /** The sources that saw the paper, in the order they first did. */
        private final Set<String> sources = new LinkedHashSet<>();

        /** The merge of these sightings, in any order. */
        static Merge of(List<Sighting> sightings) {
            Merge m = new Merge();
            for (Sighting s : sightings) {
                m.add(s);
            }
            return m;
        }

        /** Merges one more sighting in. */
        void add(Sighting s) {
            sources.add(s.sourceId() == null ? "" : s.sourceId());
            boolean research = s.rank() >= RANK_RESEARCH;
            offer(TITLE, s.title(), 1, 0, s);
            offer(AUTHORS, s.authors(), research ? 2 : 1, 0, s);
            offer(ARXIV, s.arxivId(), 1, 0, s);
            offer(DOI, s.doi(), 1, 0, s);
            offer(PROJECT, s.projectUrl(), 1, 0, s);
            offer(PDF, s.pdfUrl(), 1, 0, s);
            offer(PRIMARY, s.primaryCategory(), 1, 0, s);
            offer(CATEGORIES, s.categories(), 1, 0, s);
            offer(COMMENT, s.comment(), 1, 0, s);
            offer(JOURNAL, s.journalRef(), 1, 0, s);
            if (s.rank() == RANK_ARXIV) {
                offer(SUMMARY, s.summary(), 3, 0, s);
            } else {
                offer(SUMMARY, s.summary(), research ? 2 : 1, s.summary() == null ? 0 : s.summary().length(), s);
            }
            offer(CODE, s.codeUrl(), 1, s.stars(), s);
            int cls = research ? 2 : 1;
            if (cls > publishedClass) {
                publishedClass = cls;
                published = s.publishedAt();
            } else if (cls == publishedClass && s.publishedAt() != null
                    && (published == null || s.publishedAt().isBefore(published))) {
                published = s.publishedAt();
            }
            arxivVersion = Math.max(arxivVersion, s.arxivVersion());
            upvotes = Math.max(upvotes, s.upvotes());
            stars = Math.max(stars, s.stars());
            comments = Math.max(comments, s.comments());
        }

        private void offer(int field, String value, int cls, long measure, Sighting s) {
            if (!notBlank(value)) {
                return;
            }
            long[] key = {cls, measure, s.rank(), s.arxivVersion(), s.itemId()};
            if (keys[field] == null || beats(key, keys[field])) {
                keys[field] = key;
                values[field] = value;
            }
        }

        private static boolean beats(long[] a, long[] b) {
            for (int i = 0; i < 4; i++) {
                if (a[i] != b[i]) {
                    return a[i] > b[i];
                }
            }
            return a[4] < b[4];
        }

        /** What the paper row should say. */
        Best best() {
            String arxivId = values[ARXIV];
            String pdf = values[PDF];
            if (pdf == null && arxivId != null) {
                pdf = "https://arxiv.org/pdf/" + arxivId;
            }
            return new Best(values[TITLE], values[SUMMARY], values[AUTHORS], arxivId, values[DOI], arxivVersion,
                    upvotes, stars, comments, values[CODE], values[PROJECT], pdf, values[PRIMARY], values[CATEGORIES],
                    values[COMMENT], values[JOURNAL], published, sources.size());
        }

        /**
         * The state to store beside the paper row: every winner's key, the publication time's class,
         * the maxima, the two values the row does not keep as merged (the arXiv id and DOI), a
         * fingerprint of the row it gives ({@link Row#fingerprint}), and the sources that saw the paper.
         */
        String encode() {
            StringBuilder b = new StringBuilder(160).append(FORMAT);
            for (long[] key : keys) {
                if (key == null) {
                    b.append(" -");
                } else {
                    for (long k : key) {
                        b.append(' ').append(k);
                    }
                }
            }
            b.append(' ').append(publishedClass);
            if (published == null) {
                b.append(" -");
            } else {
                b.append(' ').append(published.getEpochSecond()).append(' ').append(published.getNano());
            }
            b.append(' ').append(arxivVersion).append(' ').append(upvotes).append(' ').append(stars)
                    .append(' ').append(comments);
            text(b, values[ARXIV]);
            text(b, values[DOI]);
            b.append(' ').append(Row.of(best()).fingerprint());
            b.append(' ').append(sources.size());
            for (String source : sources) {
                text(b, source);
            }
            return b.toString();
        }

        private static void text(StringBuilder b, String v) {
            if (v == null) {
                b.append(" -");
            } else {
                b.append(' ').append(v.length()).append(':').append(v);
            }
        }

        /**
         * The merge state of a paper from its stored {@link #encode} and its row, or null when there
         * is none or it does not fit the row (written by another version, or the row changed since):
         * then the caller works the paper out again from all its sightings.
         */
        static Merge decode(String state, Row row) {
            if (state == null || !state.startsWith(FORMAT + " ")) {
                return null;
            }
            try {
                Reader r = new Reader(state, FORMAT.length());
                Merge m = new Merge();
                for (int f = 0; f < FIELDS; f++) {
                    if (!r.dash()) {
                        long[] key = new long[5];
                        for (int i = 0; i < 5; i++) {
                            key[i] = r.number();
                        }
                        m.keys[f] = key;
                    }
                }
                m.publishedClass = (int) r.number();
                m.published = r.dash() ? null : Instant.ofEpochSecond(r.number(), r.number());
                m.arxivVersion = (int) r.number();
                m.upvotes = (int) r.number();
                m.stars = (int) r.number();
                m.comments = (int) r.number();
                m.values[ARXIV] = r.text();
                m.values[DOI] = r.text();
                if (r.number() != row.fingerprint()) {
                    return null; // the row changed since this state was written
                }
                for (long n = r.number(); n > 0; n--) {
                    String source = r.text();
                    if (source == null || !m.sources.add(source)) {
                        return null;
                    }
                }
                if (m.sources.isEmpty() || !r.atEnd()) {
                    return null;
                }
                String[] fromRow = {row.title(), row.authors(), null, null, row.projectUrl(), row.pdfUrl(),
                        row.primaryCategory(), row.categories(), row.comment(), row.journalRef(), row.summary(),
                        row.codeUrl()};
                for (int f = 0; f < FIELDS; f++) {
                    if (f == ARXIV || f == DOI) {
                        if ((m.keys[f] == null) != (m.values[f] == null)) {
                            return null;
                        }
                        continue;
                    }
                    if (m.keys[f] == null) {
                        // no winner: the row holds nothing for it, or (the PDF link) the default from the arXiv id
                        if (f != PDF && notBlank(fromRow[f])) {
                            return null;
                        }
                    } else if (!notBlank(fromRow[f])) {
                        return null;
                    } else {
                        m.values[f] = fromRow[f];
                    }
                }
                return m;
            } catch (RuntimeException e) {
                return null; // unreadable: the caller works it out again
            }
        }

        /** Reads {@link #encode}'s space-separated tokens. */
        private static final class Reader {
            private final String s;
            private int at;

            Reader(String s, int at) {
                this.s = s;
                this.at = at;
            }

            private void space() {
                if (at >= s.length() || s.charAt(at) != ' ') {
                    throw new IllegalArgumentException("merge state: expected a space at " + at);
                }
                at++;
            }

            boolean dash() {
                if (at + 1 < s.length() && s.charAt(at) == ' ' && s.charAt(at + 1) == '-'
                        && (at + 2 == s.length() || s.charAt(at + 2) == ' ')) {
                    at += 2;
                    return true;
                }
                return false;
            }

            long number() {
                space();
                int start = at;
                if (at < s.length() && s.charAt(at) == '-') {
                    at++;
                }
                while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                    at++;
                }
                return Long.parseLong(s.substring(start, at));
            }

            String text() {
                if (dash()) {
                    return null;
                }
                space();
                int colon = s.indexOf(':', at);
                int length = Integer.parseInt(s.substring(at, colon));
                at = colon + 1 + length;
                if (at > s.length()) {
                    throw new IllegalArgumentException("merge state: text past the end");
                }
                return s.substring(colon + 1, at);
            }

            boolean atEnd() {
                return at == s.length();
            }
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
