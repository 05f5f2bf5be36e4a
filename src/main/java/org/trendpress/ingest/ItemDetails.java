package org.trendpress.ingest;

import java.util.List;

/**
 * What some sources say about an entry beyond the common {@link Item} fields: arXiv metadata and
 * the signals editors rank by. Every field is optional (null, 0 or empty when the source is silent).
 *
 * @param primaryCategory arXiv primary category, e.g. cs.LG
 * @param categories      arXiv categories, primary first
 * @param comment         arXiv comment ("12 pages, 4 figures; ICLR 2026")
 * @param journalRef      arXiv journal reference
 * @param pdfUrl          link to the PDF
 * @param arxivVersion    the arXiv version the entry names (1 for v1), or 0 when unknown
 * @param announceType    arXiv RSS announce type: new, cross, replace, replace-cross
 * @param upvotes         Hugging Face upvotes
 * @param comments        number of comments at the source
 * @param codeUrl         code repository (GitHub) URL
 * @param stars           GitHub stars of {@code codeUrl}
 * @param projectUrl      project page
 * @param keywords        keywords or tags the source gives
 * @param organisation    submitting organisation (Hugging Face) or publisher
 */
public record ItemDetails(
        String primaryCategory,
        List<String> categories,
        String comment,
        String journalRef,
        String pdfUrl,
        int arxivVersion,
        String announceType,
        int upvotes,
        int comments,
        String codeUrl,
        int stars,
        String projectUrl,
        List<String> keywords,
        String organisation) {

    public static final ItemDetails NONE =
            new ItemDetails(null, List.of(), null, null, null, 0, null, 0, 0, null, 0, null, List.of(), null);

    public ItemDetails {
        categories = categories == null ? List.of() : List.copyOf(categories);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
