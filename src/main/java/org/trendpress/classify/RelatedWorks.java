package org.trendpress.classify;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Finds the papers most like a given one: an in-memory Lucene index over title and abstract
 * (English stemming and stop words; the title counted twice), queried with MoreLikeThis built from
 * the paper's own title and abstract. The paper itself is never returned; hits scoring under
 * {@link #RELATIVE_CUTOFF} of the best hit are dropped, so a lone shared word ("model") does not
 * make a paper related.
 */
public final class RelatedWorks {

    /** A hit must score at least this fraction of the best hit. */
    public static final double RELATIVE_CUTOFF = 0.25;
    private static final String ID = "id";
    private static final String TEXT = "text";

    /** A paper as the index sees it. */
    public record Work(long id, String title, String summary) {
        String text() {
            String t = title == null ? "" : title;
            return t + "\n" + t + "\n" + (summary == null ? "" : summary);
        }
    }

    private RelatedWorks() {}

    /** Up to {@code max} ids from {@code corpus} most like {@code target}, best first, never the target's id. */
    public static List<Long> similar(Work target, Collection<Work> corpus, int max) {
        List<Long> out = new ArrayList<>();
        if (corpus.isEmpty() || max <= 0) {
            return out;
        }
        try (Analyzer analyzer = new EnglishAnalyzer(); Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (Work work : corpus) {
                    if (work.id() == target.id()) {
                        continue;
                    }
                    Document d = new Document();
                    d.add(new StoredField(ID, work.id()));
                    d.add(new TextField(TEXT, work.text(), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                if (reader.numDocs() == 0) {
                    return out;
                }
                MoreLikeThis mlt = new MoreLikeThis(reader);
                mlt.setAnalyzer(analyzer);
                mlt.setFieldNames(new String[] {TEXT});
                mlt.setMinTermFreq(1);
                mlt.setMinDocFreq(1);
                mlt.setMinWordLen(3);
                mlt.setMaxQueryTerms(30);
                Query q = mlt.like(TEXT, new StringReader(target.text()));
                IndexSearcher searcher = new IndexSearcher(reader);
                ScoreDoc[] hits = searcher.search(q, max + 1).scoreDocs;
                float best = hits.length == 0 ? 0 : hits[0].score;
                for (ScoreDoc hit : hits) {
                    if (out.size() >= max || hit.score < best * RELATIVE_CUTOFF) {
                        break;
                    }
                    long id = searcher.storedFields().document(hit.doc).getField(ID).numericValue().longValue();
                    if (id != target.id()) {
                        out.add(id);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("related works: " + e.getMessage(), e);
        }
        return out;
    }
}
