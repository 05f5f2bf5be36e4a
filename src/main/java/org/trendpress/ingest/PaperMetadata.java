package org.trendpress.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The best metadata and signals of a Paper, worked out again from all its sightings each time one
 * is added, so the result does not depend on the order sources were polled in.
 *
 * <p>Preference: arXiv itself (latest version first) over other research sources (Hugging Face,
 * lab blogs) over news; within a rank, the earliest sighting. Signals (upvotes, stars, comments,
 * arXiv version) are maxima; mentions are the distinct sources.
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

    private static final Comparator<Sighting> PREFERRED = Comparator.comparingInt(Sighting::rank).reversed()
            .thenComparing(Comparator.comparingInt(Sighting::arxivVersion).reversed())
            .thenComparingLong(Sighting::itemId);

    static Best best(List<Sighting> sightings) {
        if (sightings.isEmpty()) {
            throw new IllegalArgumentException("a paper has at least one sighting");
        }
        List<Sighting> byPref = new ArrayList<>(sightings);
        byPref.sort(PREFERRED);
        List<Sighting> research = byPref.stream().filter(s -> s.rank() >= RANK_RESEARCH).toList();

        String title = first(byPref, Sighting::title);
        String summary = byPref.stream().filter(s -> s.rank() == RANK_ARXIV && notBlank(s.summary()))
                .map(Sighting::summary).findFirst()
                .orElseGet(() -> longest(research.isEmpty() ? byPref : research));
        if (summary == null) {
            summary = longest(byPref);
        }
        String authors = first(research, Sighting::authors);
        if (authors == null) {
            authors = first(byPref, Sighting::authors);
        }
        String arxivId = first(byPref, Sighting::arxivId);
        String codeUrl = byPref.stream().filter(s -> notBlank(s.codeUrl()))
                .max(Comparator.comparingInt(Sighting::stars).thenComparing(PREFERRED.reversed()))
                .map(Sighting::codeUrl).orElse(null);
        String pdf = first(byPref, Sighting::pdfUrl);
        if (pdf == null && arxivId != null) {
            pdf = "https://arxiv.org/pdf/" + arxivId;
        }
        Instant published = (research.isEmpty() ? byPref : research).stream().map(Sighting::publishedAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        int mentions = (int) sightings.stream().map(Sighting::sourceId).distinct().count();
        return new Best(title, summary, authors, arxivId, first(byPref, Sighting::doi),
                max(sightings, Sighting::arxivVersion), max(sightings, Sighting::upvotes),
                max(sightings, Sighting::stars), max(sightings, Sighting::comments), codeUrl,
                first(byPref, Sighting::projectUrl), pdf, first(byPref, Sighting::primaryCategory),
                first(byPref, Sighting::categories), first(byPref, Sighting::comment),
                first(byPref, Sighting::journalRef), published, mentions);
    }

    private static String first(List<Sighting> list, Function<Sighting, String> field) {
        return list.stream().map(field).filter(PaperMetadata::notBlank).findFirst().orElse(null);
    }

    private static String longest(List<Sighting> list) {
        return list.stream().map(Sighting::summary).filter(PaperMetadata::notBlank)
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    private static int max(List<Sighting> list, java.util.function.ToIntFunction<Sighting> field) {
        return list.stream().mapToInt(field).max().orElse(0);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
