package org.trendpress.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.trendpress.ingest.PaperMetadata.Best;
import org.trendpress.ingest.PaperMetadata.Sighting;

/**
 * The merge rules of {@link PaperMetadata} written the plain way, over the whole list of sightings
 * at once (sort by preference, then pick field by field): the oracle the one-at-a-time
 * {@link PaperMetadata.Merge} is checked against.
 */
final class ReferenceMerge {

    private ReferenceMerge() {}

    private static final Comparator<Sighting> PREFERRED = Comparator.comparingInt(Sighting::rank).reversed()
            .thenComparing(Comparator.comparingInt(Sighting::arxivVersion).reversed())
            .thenComparingLong(Sighting::itemId);

    static Best best(List<Sighting> sightings) {
        List<Sighting> byPref = new ArrayList<>(sightings);
        byPref.sort(PREFERRED);
        List<Sighting> research = byPref.stream().filter(s -> s.rank() >= PaperMetadata.RANK_RESEARCH).toList();
        String title = first(byPref, Sighting::title);
        String summary = byPref.stream().filter(s -> s.rank() == PaperMetadata.RANK_ARXIV && notBlank(s.summary()))
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
        return list.stream().map(field).filter(ReferenceMerge::notBlank).findFirst().orElse(null);
    }

    private static String longest(List<Sighting> list) {
        return list.stream().map(Sighting::summary).filter(ReferenceMerge::notBlank)
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    private static int max(List<Sighting> list, java.util.function.ToIntFunction<Sighting> field) {
        return list.stream().mapToInt(field).max().orElse(0);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
