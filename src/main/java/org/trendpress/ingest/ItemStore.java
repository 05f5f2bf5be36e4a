package org.trendpress.ingest;

import static org.trendpress.ingest.SourceStore.utc;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.Kind;

/**
 * The database side of Items and Papers: each entry stored once per (source, guid) — the items
 * are the sightings, (source, first seen) — and merged into the one Paper of its work.
 *
 * <p>A Paper is found by arXiv id, then DOI, then the paper of the source's earlier entry for the
 * same work, then canonical URL, then a near-identical title ({@link TitleMatch}) among papers
 * published within {@link #TITLE_WINDOW} of the item. Only research items or items carrying an
 * arXiv id or DOI may create a paper; any item may join one. The paper's metadata and signals are
 * worked out again from all its sightings each time one is added ({@link PaperMetadata}), so a
 * new arXiv version updates the paper (version, title, abstract, {@code updated_at}) and never
 * makes a second one.
 *
 * <p>Re-announcements: an entry whose source already gave an entry for the same work under
 * another guid (the arXiv RSS 'replace' of v2 after v1, a digest listing a paper again, a feed
 * that changed its guids) is stored as a sighting with {@code repeat_of} pointing at the
 * source's first entry. Its guid stays known, so polling stays idempotent, and its signals and
 * version reach the paper, but it never becomes a candidate of its own. "The same work" at one
 * source means the same arXiv id named by the entry's own link, or the same canonical link (with
 * a real path: a feed whose entries all link to its home page has no repeats).
 *
 * <p>Concurrency: sources poll in parallel, one transaction per source. Papers are unique by
 * arXiv id and by DOI; an insert that loses the race against another transaction hits the unique
 * index, rolls back to a savepoint and re-reads the winner's paper. Two concurrent first
 * sightings that share only a title may still make two papers.
 */
final class ItemStore {

    private static final Logger LOG = LoggerFactory.getLogger(ItemStore.class);

    /** How far apart (publication times) two sightings matched only by title may be. */
    static final Duration TITLE_WINDOW = Duration.ofDays(60);
    private static final int TITLE_CANDIDATES = 20;
    /** The longest merge state stored on a paper row (its column's size); a longer one is not kept. */
    private static final int MERGE_STATE_MAX = 8000;
    /** How deep the current thread's {@link #attempt}s are nested: their savepoints are named by it. */
    private static final ThreadLocal<int[]> SAVEPOINT_DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    /** How long a paper write waits, in all, for another transaction's lock. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    /** Lock timeout (H2), serialization failure or deadlock (H2, PostgreSQL), lock not available. */
    private static final Set<String> RETRYABLE = Set.of("HYT00", "40001", "40P01", "55P03");

    /** An item already stored for (source, guid). */
    private record Stored(long id, Long paperId, int upvotes, int stars, int comments, int arxivVersion) {}

    /** The ids a paper row holds. */
    private record PaperIds(long id, String arxivId, String doi) {}

    /**
     * Stores one item seen at a source and merges it into its Paper (creating the paper when
     * {@code research} or the item carries an arXiv id or DOI). Returns whether a new item row was
     * stored; an item seen again only refreshes the signals it carries (upvotes, stars, comments,
     * arXiv version).
     */
    boolean save(Handle h, Item item, String kind, String kindReason, boolean research, Instant seenAt) {
        return save(h, item, kind, kindReason, 1.0, research, List.of(), seenAt);
    }

    /**
     * {@link #save(Handle, Item, String, String, boolean, Instant)} with the classifier's answer:
     * the item keeps its kind, confidence and reason, and its Paper gets the topics (see
     * {@link #replaceTopics(Statements, long, List)}).
     */
    boolean save(Handle h, Item item, Classifier.Classification c, Instant seenAt) {
        return save(h, item, c.kind().code(), c.reason(), c.confidence(), c.kind() == Kind.RESEARCH, c.topics(), seenAt);
    }

    private boolean save(Handle h, Item item, String kind, String kindReason, double kindConfidence, boolean research,
            List<Classifier.TopicScore> topics, Instant seenAt) {
        return save(h, item, kind, kindReason, kindConfidence, research, topics, seenAt, null);
    }

    /**
     * Stores the items one source gave in one poll, in order, with the same outcome as calling
     * {@link #save(Handle, Item, Classifier.Classification, Instant)} for each: the (source, guid)
     * and (source, entry key) look-ups are made once for the whole list, and later items of the
     * list see the earlier ones. Meant for one source's items inside its own transaction (the
     * poller stores one source at a time). Returns how many new item rows were stored.
     */
    int saveAll(Handle h, String sourceId, List<Item> items, List<Classifier.Classification> classes, Instant seenAt) {
        return saveAll(h, sourceId, items, classes, items.stream().map(Prepared::of).toList(), seenAt);
    }

    /**
     * What saving an item works out from the item alone: the poller does it on the poll thread,
     * before the store lane, where it would wait for no database.
     */
    record Prepared(String guidHash, String entryKey, List<String> significant, long[] bands) {
        static Prepared of(Item item) {
            List<String> significant = TitleMatch.significant(item.title());
            return new Prepared(FeedParser.sha256(item.guid()), ItemStore.entryKey(item), significant, TitleMatch.bands(significant));
        }
    }

    /** {@link #saveAll(Handle, String, List, List, Instant)} with each item's {@link Prepared} worked out already. */
    int saveAll(Handle h, String sourceId, List<Item> items, List<Classifier.Classification> classes,
            List<Prepared> prepared, Instant seenAt) {
        if (items.size() != classes.size() || items.size() != prepared.size()) {
            throw new IllegalArgumentException("one classification and one preparation per item");
        }
        TitleIndex.of(h).refresh(h, seenAt);
        Batch batch = new Batch(h, sourceId, items, prepared);
        int n = 0;
        try (Statements st = new Statements(h)) {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                Classifier.Classification c = classes.get(i);
                // an item of another source (never from the parsers) is looked up on its own
                if (save(h, item, c.kind().code(), c.reason(), c.confidence(), c.kind() == Kind.RESEARCH, c.topics(),
                        seenAt, sourceId.equals(item.sourceId()) ? batch : null, st, prepared.get(i))) {
                    n++;
                }
            }
            st.flushTopics();
            st.registerWritten();
        }
        return n;
    }

    /**
     * The inserts every new item makes, prepared once per save or per source's batch and run as plain
     * JDBC on the handle's connection (Jdbi's named binding cost more than H2's insert itself).
     */
    private static final class Statements implements AutoCloseable {
        private final Handle h;
        private final Map<String, PreparedStatement> prepared = new HashMap<>(4);

        Statements(Handle h) {
            this.h = h;
        }

        /** A statement without generated keys (queries, updates), prepared once. */
        PreparedStatement plain(String sql) {
            PreparedStatement ps = prepared.get(sql);
            if (ps == null) {
                try {
                    ps = h.getConnection().prepareStatement(sql);
                } catch (SQLException e) {
                    throw new UnableToExecuteStatementException(e, null);
                }
                prepared.put(sql, ps);
            }
            return ps;
        }

        PreparedStatement get(String sql) {
            PreparedStatement ps = prepared.get(sql);
            if (ps == null) {
                try {
                    ps = h.getConnection().prepareStatement(sql, new String[] {"id"});
                } catch (SQLException e) {
                    throw new UnableToExecuteStatementException(e, null);
                }
                prepared.put(sql, ps);
            }
            return ps;
        }

        /** Runs an insert and returns the id it generated; a failure as Jdbi reports it (see {@link #attempt}). */
        static long insert(PreparedStatement ps) {
            try {
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new IngestException("the database returned no id for an insert");
                    }
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }

        private PreparedStatement topicInsert;
        private int pendingTopics;
        /** The item rows and paper rows these statements wrote (and the title index was given). */
        private long[] items = new long[64];
        private int itemCount;
        private long[] papers = new long[64];
        private int paperCount;

        void wroteItem(long id) {
            if (itemCount == items.length) {
                items = java.util.Arrays.copyOf(items, itemCount * 2);
            }
            items[itemCount++] = id;
        }

        void wrotePaper(long id) {
            if (paperCount == papers.length) {
                papers = java.util.Arrays.copyOf(papers, paperCount * 2);
            }
            papers[paperCount++] = id;
        }

        /**
         * Tells the title index, once the rows are committed, that they need no catch-up read: it
         * already has their titles (see {@link TitleIndex#written}).
         */
        void registerWritten() {
            if (itemCount == 0 && paperCount == 0) {
                return;
            }
            long[] i = java.util.Arrays.copyOf(items, itemCount);
            long[] p = java.util.Arrays.copyOf(papers, paperCount);
            TitleIndex index = TitleIndex.of(h);
            if (h.isInTransaction()) {
                h.afterCommit(() -> index.written(i, p));
            } else {
                index.written(i, p);
            }
        }

        /** Queues the topics of a paper this batch created (its first topics: nothing to replace). */
        void addTopics(long paperId, List<Classifier.TopicScore> topics) {
            if (topics == null || topics.isEmpty()) {
                return;
            }
            try {
                if (topicInsert == null) {
                    topicInsert = h.getConnection().prepareStatement(
                            "INSERT INTO paper_topics (paper_id, topic, confidence, source) VALUES (?, ?, ?, ?)");
                }
                Set<String> seen = new HashSet<>();
                for (Classifier.TopicScore t : topics) {
                    if (seen.add(t.topic().code())) {
                        topicInsert.setLong(1, paperId);
                        topicInsert.setString(2, t.topic().code());
                        topicInsert.setDouble(3, t.confidence());
                        topicInsert.setString(4, t.source());
                        topicInsert.addBatch();
                        pendingTopics++;
                    }
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }

        /** Writes the queued topics: before anything reads or deletes paper topics, and at the end. */
        void flushTopics() {
            if (pendingTopics == 0) {
                return;
            }
            try {
                topicInsert.executeBatch();
                pendingTopics = 0;
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }

        @Override
        public void close() {
            if (topicInsert != null) {
                try {
                    topicInsert.close();
                } catch (SQLException e) {
                    LOG.debug("ingest.store.close_failed reason=\"{}\"", e.getMessage());
                }
            }
            for (PreparedStatement ps : prepared.values()) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    LOG.debug("ingest.store.close_failed reason=\"{}\"", e.getMessage());
                }
            }
        }
    }

    /**
     * Binds the columns {@code arxiv_version} to {@code journal_ref}, in the order both the paper
     * insert and the paper update name them; returns the next parameter index.
     */
    private static int bindSignals(PreparedStatement ps, int i, PaperMetadata.Best b) throws SQLException {
        ps.setInt(i++, b.arxivVersion());
        ps.setInt(i++, b.mentions());
        ps.setInt(i++, b.upvotes());
        ps.setInt(i++, b.stars());
        ps.setInt(i++, b.comments());
        set(ps, i++, b.codeUrl());
        set(ps, i++, b.projectUrl());
        set(ps, i++, b.pdfUrl());
        set(ps, i++, b.primaryCategory());
        set(ps, i++, b.categories());
        set(ps, i++, b.comment());
        set(ps, i++, b.journalRef());
        return i;
    }

    private static void set(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static void set(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    /** The look-ups of one source's items made up front, kept up to date as the items are stored. */
    private static final class Batch {
        /**
         * Keys per IN list. Lists are padded (the last key repeated, which changes no result) to 1, 4,
         * 16 or 64 keys, so the look-ups use a handful of distinct statements: an IN list of every
         * length from 1 to 100 was a new statement each time, parsed and planned by H2 again, and it
         * pushed the store's other statements out of H2's per-session statement cache.
         */
        private static final int CHUNK = 64;
        final Map<String, Stored> stored = new HashMap<>();
        /** entry key → {id, paper id or 0} of the source's first entry for it. */
        final Map<String, long[]> firsts = new HashMap<>();

        /** arXiv id, DOI, canonical URL → papers, as read up front for the batch's items (a key absent from a map: no paper). */
        final Map<String, PaperIds> arxiv = new HashMap<>();
        final Map<String, PaperIds> doi = new HashMap<>();
        /** papers.canonical_url → its papers, and items.canonical_url → their papers, each by paper id. */
        final Map<String, List<PaperIds>> paperUrl = new HashMap<>();
        final Map<String, List<PaperIds>> itemUrl = new HashMap<>();
        final Set<String> arxivRead = new HashSet<>();
        final Set<String> doiRead = new HashSet<>();
        final Set<String> urlRead = new HashSet<>();
        /**
         * Set when a paper's ids changed in a way the maps do not follow (an id adopted, a twin
         * absorbed, another transaction's paper): from then on the batch asks the database.
         */
        boolean papersStale;

        Optional<PaperIds> byArxiv(Handle h, String id) {
            return !papersStale && arxivRead.contains(id) ? Optional.ofNullable(arxiv.get(id)) : ItemStore.byArxiv(h, id);
        }

        Optional<PaperIds> byDoi(Handle h, String d) {
            String key = cut(d, 300);
            return !papersStale && doiRead.contains(key) ? Optional.ofNullable(doi.get(key)) : ItemStore.byDoi(h, d);
        }

        /** {@code urls[0]}: papers by canonical URL; the papers of items with that canonical URL when none. */
        List<PaperIds> byUrl(Handle h, String url) {
            if (papersStale || !urlRead.contains(url)) {
                return ItemStore.byUrl(h, url);
            }
            List<PaperIds> p = paperUrl.getOrDefault(url, List.of());
            return p.isEmpty() ? itemUrl.getOrDefault(url, List.of()) : p;
        }

        /** A paper this batch created. */
        void created(PaperIds p, String canonical) {
            if (p.arxivId() != null) {
                arxiv.put(p.arxivId(), p);
            }
            if (p.doi() != null) {
                doi.put(p.doi(), p);
            }
            if (canonical != null && urlRead.contains(canonical)) {
                addById(paperUrl, canonical, p);
            }
        }

        /** An item row this batch wrote, linked to {@code p}. */
        void linked(String canonicalUrl, PaperIds p) {
            if (canonicalUrl != null && urlRead.contains(canonicalUrl)) {
                addById(itemUrl, canonicalUrl, p);
            }
        }

        private static void addById(Map<String, List<PaperIds>> map, String key, PaperIds p) {
            List<PaperIds> list = map.computeIfAbsent(key, k -> new ArrayList<>());
            for (PaperIds q : list) {
                if (q.id() == p.id()) {
                    return;
                }
            }
            int at = 0;
            while (at < list.size() && list.get(at).id() < p.id()) {
                at++;
            }
            list.add(at, p);
        }

        /** Reads the papers of the batch's arXiv ids, DOIs and canonical URLs, a chunk of keys per query. */
        void readPapers(Handle h, List<Item> own) {
            List<String> ids = own.stream().map(Item::arxivId).filter(Objects::nonNull).distinct().toList();
            List<String> dois = own.stream().map(Item::doi).filter(Objects::nonNull).map(d -> cut(d, 300)).distinct().toList();
            try {
                for (List<String> part : chunks(ids)) {
                    read(h, "SELECT id, arxiv_id, doi FROM papers WHERE arxiv_id IN (" + marks(part.size()) + ")", part,
                            rs -> arxiv.put(rs.getString(2), paperIds(rs)));
                    arxivRead.addAll(part);
                }
                for (List<String> part : chunks(dois)) {
                    read(h, "SELECT id, arxiv_id, doi FROM papers WHERE doi IN (" + marks(part.size()) + ")", part,
                            rs -> doi.put(rs.getString(3), paperIds(rs)));
                    doiRead.addAll(part);
                }
                // find() asks for the canonical URL only when neither the arXiv id nor the DOI found a
                // paper: the URLs of the other items are not read up front. Reading them cost the most
                // of these look-ups (every earlier sighting's item row with that URL, then its paper),
                // and a URL asked for after all (a DOI's paper that turns out incompatible) is read then.
                List<String> urls = own.stream().filter(this::mayNeedUrl).map(Item::canonicalUrl)
                        .filter(u -> hasPath(u) && u.length() <= 2000).distinct().toList();
                for (List<String> part : chunks(urls)) {
                    read(h, "SELECT id, arxiv_id, doi, canonical_url FROM papers WHERE canonical_url IN (" + marks(part.size())
                            + ")", part, rs -> addById(paperUrl, rs.getString(4), paperIds(rs)));
                    read(h, "SELECT DISTINCT p.id, p.arxiv_id, p.doi, i.canonical_url FROM items i"
                            + " JOIN papers p ON p.id = i.paper_id WHERE i.canonical_url IN (" + marks(part.size()) + ")",
                            part, rs -> addById(itemUrl, rs.getString(4), paperIds(rs)));
                    urlRead.addAll(part);
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }

        /** Whether {@link #find} may get as far as the item's canonical URL: no paper by its arXiv id or DOI yet. */
        private boolean mayNeedUrl(Item item) {
            return (item.arxivId() == null || arxiv.get(item.arxivId()) == null)
                    && (item.doi() == null || doi.get(cut(item.doi(), 300)) == null);
        }

        private interface Row {
            void accept(ResultSet rs) throws SQLException;
        }

        private static void read(Handle h, String sql, List<String> keys, Row row) throws SQLException {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < keys.size(); i++) {
                    ps.setString(i + 1, keys.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            }
        }

        /** {@code keys} (1 to {@link #CHUNK} of them) with the last repeated up to 1, 4, 16 or 64 keys. */
        static <T> List<T> padded(List<T> keys) {
            int n = keys.size();
            int size = n <= 1 ? n : n <= 4 ? 4 : n <= 16 ? 16 : CHUNK;
            if (size == n) {
                return keys;
            }
            List<T> out = new ArrayList<>(size);
            out.addAll(keys);
            T last = keys.get(n - 1);
            while (out.size() < size) {
                out.add(last);
            }
            return out;
        }

        static String marks(int n) {
            return "?" + ", ?".repeat(Math.max(0, n - 1));
        }

        private static List<List<String>> chunks(List<String> keys) {
            List<List<String>> out = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += CHUNK) {
                out.add(padded(keys.subList(from, Math.min(keys.size(), from + CHUNK))));
            }
            return out;
        }

        /** A paper absorbed into another while the batch was stored: what it knew of it now points at the keeper. */
        void moved(long gone, long keep) {
            papersStale = true;
            stored.replaceAll((k, s) -> s.paperId() != null && s.paperId() == gone
                    ? new Stored(s.id(), keep, s.upvotes(), s.stars(), s.comments(), s.arxivVersion()) : s);
            firsts.values().forEach(f -> {
                if (f[1] == gone) {
                    f[1] = keep;
                }
            });
        }

        Batch(Handle h, String sourceId, List<Item> items, List<Prepared> prepared) {
            List<Item> own = new ArrayList<>();
            Set<String> hashSet = new LinkedHashSet<>();
            Set<String> keySet = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                if (sourceId.equals(items.get(i).sourceId())) {
                    own.add(items.get(i));
                    hashSet.add(prepared.get(i).guidHash());
                    if (prepared.get(i).entryKey() != null) {
                        keySet.add(prepared.get(i).entryKey());
                    }
                }
            }
            List<String> hashes = new ArrayList<>(hashSet);
            List<String> keys = new ArrayList<>(keySet);
            // row-value IN lists: each pair is a point look-up on the (source_id, guid_hash) or
            // (source_id, entry_key) index, where an IN list on the second column alone makes H2 read
            // every item of the source (and a UNION ALL of point queries took twice as long)
            List<Object[]> rows = new ArrayList<>();
            try {
                for (int from = 0; from < hashes.size(); from += CHUNK) {
                    List<String> part = padded(hashes.subList(from, Math.min(hashes.size(), from + CHUNK)));
                    try (PreparedStatement ps = h.getConnection().prepareStatement("SELECT guid_hash, id, paper_id, upvotes,"
                            + " stars, comments, arxiv_version FROM items WHERE (source_id, guid_hash) IN (" + pairs(part.size())
                            + ")")) {
                        bindPairs(ps, sourceId, part);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                stored.put(rs.getString("guid_hash"), storedRow(rs));
                            }
                        }
                    }
                }
                for (int from = 0; from < keys.size(); from += CHUNK) {
                    List<String> part = padded(keys.subList(from, Math.min(keys.size(), from + CHUNK)));
                    try (PreparedStatement ps = h.getConnection().prepareStatement("SELECT entry_key, id, paper_id FROM items"
                            + " WHERE (source_id, entry_key) IN (" + pairs(part.size()) + ") AND repeat_of IS NULL")) {
                        bindPairs(ps, sourceId, part);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rows.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)});
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
            rows.sort(java.util.Comparator.comparingLong(r -> (Long) r[1]));
            for (Object[] r : rows) {
                firsts.putIfAbsent((String) r[0], new long[] {(Long) r[1], (Long) r[2]});
            }
            readPapers(h, own);
        }

        private static String pairs(int n) {
            StringBuilder sql = new StringBuilder(n * 8);
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
            }
            return sql.toString();
        }

        private static void bindPairs(PreparedStatement ps, String sourceId, List<String> values) throws SQLException {
            int at = 1;
            for (String v : values) {
                ps.setString(at++, sourceId);
                ps.setString(at++, v);
            }
        }
    }

    private static Stored storedRow(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getObject("paper_id", Long.class), rs.getInt("upvotes"),
                rs.getInt("stars"), rs.getInt("comments"), rs.getInt("arxiv_version"));
    }

    private boolean save(Handle h, Item item, String kind, String kindReason, double kindConfidence, boolean research,
            List<Classifier.TopicScore> topics, Instant seenAt, Batch batch) {
        try (Statements st = new Statements(h)) {
            boolean added = save(h, item, kind, kindReason, kindConfidence, research, topics, seenAt, batch, st,
                    Prepared.of(item));
            st.flushTopics();
            st.registerWritten();
            return added;
        }
    }

    private boolean save(Handle h, Item item, String kind, String kindReason, double kindConfidence, boolean research,
            List<Classifier.TopicScore> topics, Instant seenAt, Batch batch, Statements st, Prepared prep) {
        if (batch == null) {
            TitleIndex.of(h).refresh(h, seenAt);
        }
        String guidHash = prep.guidHash();
        Optional<Stored> stored = batch != null ? Optional.ofNullable(batch.stored.get(guidHash))
                : h.createQuery("SELECT id, paper_id, upvotes, stars, comments, arxiv_version"
                                + " FROM items WHERE source_id=:s AND guid_hash=:g")
                        .bind("s", item.sourceId()).bind("g", guidHash)
                        .map((rs, ctx) -> storedRow(rs))
                        .findOne();
        if (stored.isPresent()) {
            Stored s = stored.get();
            refresh(h, st, s, item, seenAt);
            if (batch != null) {
                ItemDetails d = item.details();
                batch.stored.put(guidHash, new Stored(s.id(), s.paperId(), Math.max(d.upvotes(), s.upvotes()),
                        Math.max(d.stars(), s.stars()), Math.max(d.comments(), s.comments()),
                        Math.max(d.arxivVersion(), s.arxivVersion())));
            }
            return false;
        }
        int rank = rank(item, research);
        String entryKey = prep.entryKey();
        Optional<long[]> repeat;
        if (entryKey == null) {
            repeat = Optional.empty();
        } else if (batch != null) {
            repeat = Optional.ofNullable(batch.firsts.get(entryKey));
        } else {
            repeat = h.createQuery("SELECT id, paper_id FROM items WHERE source_id=:s AND entry_key=:k AND repeat_of IS NULL"
                            + " ORDER BY id")
                    .bind("s", item.sourceId()).bind("k", entryKey)
                    .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getLong("paper_id")})
                    .findFirst();
        }
        Long repeatOf = repeat.map(r -> r[0]).orElse(null);
        Long repeatPaper = repeat.map(r -> r[1]).filter(p -> p != 0).orElse(null);
        boolean mayCreate = research || item.arxivId() != null || item.doi() != null;
        Instant when = published(item, seenAt);
        TitleKeys keys = new TitleKeys();
        keys.memo.put(item.title() == null ? "" : item.title(), prep.significant());
        TitleIndex.of(h).prime(prep.significant(), prep.bands());

        // the paper is found (or created) first, so the item row is written once, already linked
        PaperMetadata.Sighting sighting = sighting(0, item, rank, when);
        PaperIds paper = find(h, st, item, repeatPaper, when, keys, batch);
        boolean created = false;
        if (paper == null && mayCreate) {
            PaperMetadata.Merge first = new PaperMetadata.Merge();
            first.add(sighting); // item id 0: the sighting that creates a paper comes before any other
            Optional<Long> id = create(h, st, item, first, when, seenAt);
            if (id.isPresent()) {
                paper = new PaperIds(id.get(), item.arxivId(), cut(item.doi(), 300));
                created = true;
                st.wrotePaper(id.get());
                if (batch != null) {
                    batch.created(paper, cut(canonical(item), 2000));
                }
            } else {
                paper = winner(h, item);
                if (batch != null) {
                    batch.papersStale = true;
                }
            }
        }
        Long paperId = paper == null ? null : paper.id();
        long itemId = insert(st, item, guidHash, entryKey, repeatOf, rank, kind, kindReason, kindConfidence, seenAt,
                paperId, !created);
        st.wroteItem(itemId);
        if (batch != null && paper != null) {
            batch.linked(item.canonicalUrl(), paper);
        }
        if (paperId != null) {
            if (created) {
                indexNew(h, paperId, sighting, when, keys);
            } else {
                st.flushTopics(); // a twin absorbed below, or its topics replaced, may be a paper of this batch
                boolean absorbed = adoptIds(h, paper, item, batch);
                // a twin's sightings moved in: work the paper out again from all of them
                recompute(h, st, paperId, itemId, seenAt, keys, absorbed ? null : sighting(itemId, item, rank, when));
                if (absorbed) {
                    reindex(h, paperId, keys);
                }
            }
            if (created) {
                st.addTopics(paperId, topics); // written with the batch's others, before anything reads them
            } else {
                replaceTopics(st, paperId, topics);
            }
        }
        if (batch != null) {
            ItemDetails d = item.details();
            batch.stored.put(guidHash, new Stored(itemId, paperId, Math.max(0, d.upvotes()), Math.max(0, d.stars()),
                    Math.max(0, d.comments()), Math.max(0, d.arxivVersion())));
            if (entryKey != null && repeatOf == null && entryKey.length() <= 2000) {
                batch.firsts.putIfAbsent(entryKey, new long[] {itemId, paperId == null ? 0 : paperId});
            }
        }
        return true;
    }

    /** What the item row will say, as {@link #recompute} reads it back. */
    private static PaperMetadata.Sighting sighting(long itemId, Item item, int rank, Instant published) {
        ItemDetails d = item.details();
        return new PaperMetadata.Sighting(itemId, item.sourceId(), rank, cut(item.title(), 1000), item.summaryText(),
                cut(String.join(", ", item.authors()), 4000), item.arxivId(), cut(item.doi(), 300),
                Math.max(0, d.arxivVersion()), Math.max(0, d.upvotes()), Math.max(0, d.stars()),
                Math.max(0, d.comments()), cut(codeUrl(item, rank), 2000), cut(d.projectUrl(), 2000),
                cut(d.pdfUrl(), 2000), cut(d.primaryCategory(), 50),
                cut(d.categories().isEmpty() ? null : String.join(" ", d.categories()), 1000), cut(d.comment(), 2000),
                cut(d.journalRef(), 1000), published);
    }

    /** {@link TitleMatch#significant} of the titles one save looks at, each worked out once. */
    private static final class TitleKeys {
        private final Map<String, List<String>> memo = new HashMap<>();

        List<String> significant(String title) {
            return memo.computeIfAbsent(title == null ? "" : title, TitleMatch::significant);
        }
    }

    /**
     * Gives a Paper the topics of a new sighting, on the batch's statements. An editor's topics
     * (source {@code editor}) are never touched; arXiv's categories (source {@code arxiv}) win over
     * the model's; a sighting with topics of the same or a better source replaces the paper's
     * non-editor topics; topics equal to the paper's are left as they are.
     */
    private static void replaceTopics(Statements st, long paperId, List<Classifier.TopicScore> topics) {
        if (topics == null || topics.isEmpty()) {
            return;
        }
        Map<String, String> have = new HashMap<>(); // topic → confidence and source
        Set<String> sources = new HashSet<>();
        try {
            PreparedStatement q = st.plain("SELECT topic, confidence, source FROM paper_topics WHERE paper_id=?");
            q.setLong(1, paperId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    have.put(rs.getString(1), rs.getDouble(2) + " " + rs.getString(3));
                    sources.add(rs.getString(3));
                }
            }
            if (sources.contains("editor")) {
                return;
            }
            String incoming = topics.get(0).source();
            if (sources.contains("arxiv") && !incoming.equals("arxiv")) {
                return;
            }
            Map<String, String> want = new HashMap<>();
            List<Classifier.TopicScore> firsts = new ArrayList<>(topics.size());
            for (Classifier.TopicScore t : topics) {
                if (want.putIfAbsent(t.topic().code(), t.confidence() + " " + t.source()) == null) {
                    firsts.add(t);
                }
            }
            if (want.equals(have)) {
                return; // the same topics, confidences and sources: nothing to replace
            }
            // the paper's rows become the sighting's (no editor's row is among them, see above):
            // a topic it no longer has is deleted, one it keeps is updated in place when its
            // confidence or source changed, a new one inserted. The same rows as deleting all and
            // inserting the sighting's, with less written: an update of the confidence leaves the
            // table's indexes (on paper and topic) as they are.
            for (String topic : have.keySet()) {
                if (!want.containsKey(topic)) {
                    PreparedStatement d = st.plain("DELETE FROM paper_topics WHERE paper_id=? AND topic=?");
                    d.setLong(1, paperId);
                    d.setString(2, topic);
                    d.executeUpdate();
                }
            }
            List<Classifier.TopicScore> fresh = new ArrayList<>(firsts.size());
            for (Classifier.TopicScore t : firsts) {
                String had = have.get(t.topic().code());
                if (had == null) {
                    fresh.add(t);
                } else if (!had.equals(want.get(t.topic().code()))) {
                    PreparedStatement u = st.plain("UPDATE paper_topics SET confidence=?, source=? WHERE paper_id=? AND topic=?");
                    u.setDouble(1, t.confidence());
                    u.setString(2, t.source());
                    u.setLong(3, paperId);
                    u.setString(4, t.topic().code());
                    u.executeUpdate();
                }
            }
            st.addTopics(paperId, fresh);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    // ---- items ----

    /**
     * Inserts the item row, linked to {@code paperId} when not null; {@code featuredFromPaper}
     * copies the paper's {@code featured_in} (a paper that existed before may have been featured).
     */
    private long insert(Statements st, Item item, String guidHash, String entryKey, Long repeatOf, int rank, String kind,
            String kindReason, double kindConfidence, Instant seenAt, Long paperId, boolean featuredFromPaper) {
        ItemDetails d = item.details();
        Instant published = published(item, seenAt);
        boolean featured = paperId != null && featuredFromPaper;
        PreparedStatement ps = st.get("INSERT INTO items (source_id, guid, guid_hash, url, canonical_url, title,"
                + " summary_html, summary_text, authors, arxiv_id, doi, published_at, first_seen_at, kind,"
                + " kind_reason, kind_confidence, entry_key, repeat_of, source_rank, arxiv_version, upvotes, stars, comments,"
                + " code_url, project_url, pdf_url, primary_category, categories, arxiv_comment, journal_ref,"
                + " paper_id, featured_in)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + (featured ? "(SELECT featured_in FROM papers WHERE id=?)" : "NULL") + ")");
        try {
            int i = 1;
            set(ps, i++, item.sourceId());
            set(ps, i++, cut(item.guid(), 2000));
            set(ps, i++, guidHash);
            set(ps, i++, cut(item.url(), 2000));
            set(ps, i++, cut(item.canonicalUrl(), 2000));
            set(ps, i++, cut(item.title(), 1000));
            set(ps, i++, item.summaryHtml());
            set(ps, i++, item.summaryText());
            set(ps, i++, cut(String.join(", ", item.authors()), 4000));
            set(ps, i++, item.arxivId());
            set(ps, i++, cut(item.doi(), 300));
            ps.setObject(i++, utc(published));
            ps.setObject(i++, utc(seenAt));
            set(ps, i++, kind);
            set(ps, i++, cut(kindReason, 200));
            ps.setDouble(i++, kindConfidence);
            set(ps, i++, cut(entryKey, 2000));
            set(ps, i++, repeatOf);
            ps.setInt(i++, rank);
            ps.setInt(i++, Math.max(0, d.arxivVersion()));
            ps.setInt(i++, Math.max(0, d.upvotes()));
            ps.setInt(i++, Math.max(0, d.stars()));
            ps.setInt(i++, Math.max(0, d.comments()));
            set(ps, i++, cut(codeUrl(item, rank), 2000));
            set(ps, i++, cut(d.projectUrl(), 2000));
            set(ps, i++, cut(d.pdfUrl(), 2000));
            set(ps, i++, cut(d.primaryCategory(), 50));
            set(ps, i++, cut(d.categories().isEmpty() ? null : String.join(" ", d.categories()), 1000));
            set(ps, i++, cut(d.comment(), 2000));
            set(ps, i++, cut(d.journalRef(), 1000));
            set(ps, i++, paperId);
            if (featured) {
                ps.setLong(i, paperId);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        return Statements.insert(ps);
    }

    /** An item seen again: keep the highest signals it has shown, and a newer arXiv version's text. */
    private void refresh(Handle h, Statements st, Stored s, Item item, Instant seenAt) {
        ItemDetails d = item.details();
        boolean newer = d.arxivVersion() > s.arxivVersion();
        if (d.upvotes() <= s.upvotes() && d.stars() <= s.stars() && d.comments() <= s.comments() && !newer) {
            return;
        }
        h.createUpdate("UPDATE items SET upvotes=:u, stars=:st, comments=:c, arxiv_version=:v"
                        + (newer ? ", title=:title, summary_html=:html, summary_text=:text" : "") + " WHERE id=:id")
                .bind("u", Math.max(d.upvotes(), s.upvotes())).bind("st", Math.max(d.stars(), s.stars()))
                .bind("c", Math.max(d.comments(), s.comments())).bind("v", Math.max(d.arxivVersion(), s.arxivVersion()))
                .bind("title", cut(item.title(), 1000)).bind("html", item.summaryHtml()).bind("text", item.summaryText())
                .bind("id", s.id()).execute();
        if (s.paperId() != null) {
            // the sighting's own text or signals changed: work the paper out again from all of them
            recompute(h, st, s.paperId(), s.id(), seenAt, new TitleKeys(), null);
        }
    }

    /** 3 for arXiv's own entries, 2 for other research, 1 for news and the rest. */
    static int rank(Item item, boolean research) {
        String host = host(item.url());
        if (host.equals("arxiv.org") || host.endsWith(".arxiv.org") || item.details().primaryCategory() != null) {
            return PaperMetadata.RANK_ARXIV;
        }
        return research ? PaperMetadata.RANK_RESEARCH : PaperMetadata.RANK_NEWS;
    }

    /**
     * What makes two entries of one source the same work: the arXiv id its own link names, else
     * its canonical link when that has a real path; null when neither.
     */
    static String entryKey(Item item) {
        Optional<String> arxiv = Links.arxivId(item.url());
        if (arxiv.isPresent()) {
            return "arxiv:" + arxiv.get();
        }
        return hasPath(item.canonicalUrl()) ? item.canonicalUrl() : null;
    }

    /** A link to a GitHub repository (compiled once: String.matches compiled it for every link of every item). */
    private static final java.util.regex.Pattern GITHUB_REPO =
            java.util.regex.Pattern.compile("https?://(www\\.)?github\\.com/[^/]+/[^/#?]+.*");

    private static String codeUrl(Item item, int rank) {
        if (item.details().codeUrl() != null && !item.details().codeUrl().isBlank()) {
            return item.details().codeUrl();
        }
        if (rank < PaperMetadata.RANK_RESEARCH) {
            return null; // a news story's GitHub link is rarely the paper's code
        }
        return item.links().stream().filter(l -> GITHUB_REPO.matcher(l).matches())
                .findFirst().orElse(null);
    }

    // ---- papers ----

    /**
     * The Paper an item joins, or null: by arXiv id, DOI, the source's earlier entry for the same
     * work, canonical URL, then near-identical title.
     */
    private PaperIds find(Handle h, Statements st, Item item, Long repeatPaper, Instant when, TitleKeys keys, Batch batch) {
        if (item.arxivId() != null) {
            Optional<PaperIds> p = batch != null ? batch.byArxiv(h, item.arxivId()) : byArxiv(h, item.arxivId());
            if (p.isPresent()) {
                return p.get();
            }
        }
        if (item.doi() != null) {
            Optional<PaperIds> p = batch != null ? batch.byDoi(h, item.doi()) : byDoi(h, item.doi());
            if (p.isPresent() && compatible(p.get(), item)) {
                return p.get();
            }
        }
        if (repeatPaper != null) {
            Optional<PaperIds> p = ids(h, repeatPaper);
            if (p.isPresent() && compatible(p.get(), item)) {
                return p.get();
            }
        }
        if (hasPath(item.canonicalUrl())) {
            List<PaperIds> byUrl = batch != null ? batch.byUrl(h, item.canonicalUrl()) : byUrl(h, item.canonicalUrl());
            for (PaperIds p : byUrl) {
                if (compatible(p, item)) {
                    return p;
                }
            }
        }
        return byTitle(h, st, item, when, keys);
    }

    /**
     * The paper whose research sightings carry a near-identical title, within the time window.
     * The in-memory {@link TitleIndex} proposes the papers (the database scans the window instead
     * for an item older than the index reaches); the database has the last word on each.
     */
    private PaperIds byTitle(Handle h, Statements st, Item item, Instant when, TitleKeys titleKeys) {
        List<String> significant = titleKeys.significant(item.title());
        if (significant.size() < TitleMatch.MIN_SIGNIFICANT) {
            return null;
        }
        Instant from = when.minus(TITLE_WINDOW);
        Instant to = when.plus(TITLE_WINDOW);
        TitleIndex index = TitleIndex.of(h);
        List<Long> ids = index.complete(from) ? index.candidates(significant, from, to, TITLE_CANDIDATES)
                : scanWindow(h, significant, from, to);
        if (ids.isEmpty()) {
            return null;
        }
        // plain statements over IN lists padded to 1, 4, 16 or 64 ids: H2 parses each form once per
        // session (a UNION of the two reads is never kept in its statement cache, and Jdbi's
        // list binding wrote a new statement for every number of ids)
        List<PaperIds> papers = new ArrayList<>(ids.size());
        List<String[]> titles = new ArrayList<>();
        try {
            for (int at = 0; at < ids.size(); at += Batch.CHUNK) {
                List<Long> part = Batch.padded(ids.subList(at, Math.min(ids.size(), at + Batch.CHUNK)));
                String in = Batch.marks(part.size());
                PreparedStatement ps = st.plain("SELECT id, arxiv_id, doi, title FROM papers WHERE id IN (" + in + ")");
                bindIds(ps, part);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        papers.add(paperIds(rs));
                        titles.add(new String[] {rs.getString(1), rs.getString(4)});
                    }
                }
                PreparedStatement pi = st.plain("SELECT paper_id, title FROM items WHERE paper_id IN (" + in
                        + ") AND source_rank >= " + PaperMetadata.RANK_RESEARCH);
                bindIds(pi, part);
                try (ResultSet rs = pi.executeQuery()) {
                    while (rs.next()) {
                        titles.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        PaperIds best = null;
        double bestScore = 0;
        for (PaperIds p : papers) {
            if (!compatible(p, item)) {
                continue;
            }
            for (String[] t : titles) {
                if (Long.parseLong(t[0]) == p.id()) {
                    double s = TitleMatch.similarity(significant, t[1]);
                    if (s > bestScore || (s == bestScore && s > 0 && best != null && p.id() < best.id())) {
                        bestScore = s;
                        best = p;
                    }
                }
            }
        }
        if (best != null) {
            LOG.debug("ingest.paper.title_match source={} paper={} similarity={}", item.sourceId(), best.id(), bestScore);
        }
        return best;
    }

    private static void bindIds(PreparedStatement ps, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            ps.setLong(i + 1, ids.get(i));
        }
    }

    /**
     * The papers published in [{@code from}, {@code to}] with a matching title, read from the
     * database: for items older than the {@link TitleIndex} reaches. Best first, then lowest id.
     */
    private static List<Long> scanWindow(Handle h, List<String> significant, Instant from, Instant to) {
        Map<Long, Double> found = new HashMap<>();
        h.createQuery("SELECT id, title FROM papers WHERE published_at BETWEEN :from AND :to"
                        + " UNION ALL SELECT i.paper_id, i.title FROM items i JOIN papers p ON p.id = i.paper_id"
                        + " WHERE p.published_at BETWEEN :from AND :to AND i.source_rank >= " + PaperMetadata.RANK_RESEARCH)
                .bind("from", utc(from)).bind("to", utc(to))
                .map((rs, ctx) -> {
                    double s = TitleMatch.similarity(significant, rs.getString(2));
                    if (s > 0) {
                        found.merge(rs.getLong(1), s, Math::max);
                    }
                    return 0;
                }).forEach(x -> { });
        return found.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TITLE_CANDIDATES).map(Map.Entry::getKey).toList();
    }

    /**
     * Creates the paper of an item's first sighting, already holding the metadata and signals of
     * that one sighting and its merge state. Empty when another transaction
     * created it first (same arXiv id or DOI): see {@link #winner}.
     */
    private Optional<Long> create(Handle h, Statements st, Item item, PaperMetadata.Merge merge, Instant published,
            Instant seenAt) {
        String canonical = canonical(item);
        PaperMetadata.Best b = merge.best();
        String state = storedState(merge);
        PreparedStatement ps = st.get("INSERT INTO papers (arxiv_id, doi, canonical_url, title, authors, summary,"
                + " arxiv_version, mentions, upvotes, stars, comments, code_url, project_url, pdf_url,"
                + " primary_category, categories, arxiv_comment, journal_ref, first_seen_at, published_at, merge_state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        return attempt(h, () -> {
            try {
                int i = 1;
                set(ps, i++, item.arxivId());
                set(ps, i++, cut(item.doi(), 300));
                set(ps, i++, cut(canonical, 2000));
                set(ps, i++, cut(b.title(), 1000));
                set(ps, i++, cut(b.authors(), 4000));
                set(ps, i++, b.summary());
                i = bindSignals(ps, i, b);
                ps.setObject(i++, utc(seenAt));
                ps.setObject(i++, utc(published));
                set(ps, i, state);
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
            return Statements.insert(ps);
        });
    }

    /** The paper another transaction created first with the item's arXiv id or DOI (committed by now). */
    private static PaperIds winner(Handle h, Item item) {
        Optional<PaperIds> winner = item.arxivId() != null ? byArxiv(h, item.arxivId()) : Optional.empty();
        if (winner.isEmpty() && item.doi() != null) {
            winner = byDoi(h, item.doi());
        }
        LOG.info("ingest.paper.race source={} arxiv={} doi={} paper={}", item.sourceId(), item.arxivId(), item.doi(),
                winner.map(PaperIds::id).orElse(null));
        return winner.orElseThrow(() -> new IngestException("cannot store the paper of " + item.guid()
                + ": its arXiv id or DOI is taken, yet no paper has it"));
    }

    /**
     * Gives the paper the arXiv id and DOI the item knows and it lacks, absorbing a DOI-only twin.
     * Returns whether a twin's sightings moved to the paper.
     */
    private boolean adoptIds(Handle h, PaperIds p, Item item, Batch batch) {
        boolean absorbed = false;
        long paperId = p.id();
        if (batch != null && ((p.arxivId() == null && item.arxivId() != null) || (p.doi() == null && item.doi() != null))) {
            batch.papersStale = true; // the batch's maps hold this paper's old ids
        }
        if (p.arxivId() == null && item.arxivId() != null) {
            boolean ok = attempt(h, () -> h.createUpdate("UPDATE papers SET arxiv_id=:a, canonical_url=:c WHERE id=:id")
                    .bind("a", item.arxivId()).bind("c", "https://arxiv.org/abs/" + item.arxivId()).bind("id", paperId)
                    .execute()).isPresent();
            if (!ok) {
                LOG.warn("ingest.paper.id_taken paper={} arxiv={}", paperId, item.arxivId());
            }
        }
        if (p.doi() == null && item.doi() != null) {
            Optional<PaperIds> twin = byDoi(h, item.doi());
            if (twin.isPresent() && twin.get().id() != paperId) {
                if (twin.get().arxivId() != null || !absorb(h, paperId, twin.get().id(), batch)) {
                    return false;
                }
                absorbed = true;
            }
            boolean ok = attempt(h, () -> h.createUpdate("UPDATE papers SET doi=:d WHERE id=:id")
                    .bind("d", cut(item.doi(), 300)).bind("id", paperId).execute()).isPresent();
            if (!ok) {
                LOG.warn("ingest.paper.id_taken paper={} doi={}", paperId, item.doi());
            }
        }
        return absorbed;
    }

    /**
     * Moves every sighting of paper {@code gone} to {@code keep} and deletes {@code gone}, unless a
     * draft already proposes {@code gone} (then both stay, and the editor sees two).
     */
    private boolean absorb(Handle h, long keep, long gone, Batch batch) {
        boolean proposed = h.createQuery("SELECT 1 FROM candidates WHERE paper_id=:g").bind("g", gone)
                .mapTo(Integer.class).findFirst().isPresent();
        if (proposed) {
            LOG.info("ingest.paper.merge_skipped keep={} gone={} reason=candidate", keep, gone);
            return false;
        }
        h.createUpdate("UPDATE papers SET featured_in = COALESCE(featured_in, (SELECT featured_in FROM papers"
                + " WHERE id=:g)) WHERE id=:k").bind("k", keep).bind("g", gone).execute();
        h.createUpdate("UPDATE items SET paper_id=:k WHERE paper_id=:g").bind("k", keep).bind("g", gone).execute();
        moveReferences(h, keep, gone);
        h.createUpdate("DELETE FROM papers WHERE id=:g").bind("g", gone).execute();
        TitleIndex index = TitleIndex.of(h);
        if (h.isInTransaction()) {
            h.afterCommit(() -> index.remove(gone)); // a rollback keeps the paper, and its titles indexed
        } else {
            index.remove(gone);
        }
        if (batch != null) {
            batch.moved(gone, keep);
        }
        LOG.info("ingest.paper.merged keep={} gone={}", keep, gone);
        return true;
    }

    /**
     * What else names the absorbed paper {@code gone} before its row is deleted (each a foreign key
     * to it). Topics: an editor's win; the keeper's own stay unless only the twin had an editor's,
     * which then move to the keeper; the rest of the twin's go (the sighting being saved brings its
     * own, see {@link #replaceTopics}). An editor's corrections move with it, as do the related works
     * that named it (unless the candidate names the keeper already).
     */
    private static void moveReferences(Handle h, long keep, long gone) {
        String editor = "SELECT COUNT(*) FROM paper_topics WHERE paper_id=:p AND source='editor'";
        boolean keepEdited = h.createQuery(editor).bind("p", keep).mapTo(Integer.class).one() > 0;
        boolean goneEdited = h.createQuery(editor).bind("p", gone).mapTo(Integer.class).one() > 0;
        if (goneEdited && !keepEdited) {
            h.createUpdate("DELETE FROM paper_topics WHERE paper_id=:k").bind("k", keep).execute();
            h.createUpdate("UPDATE paper_topics SET paper_id=:k WHERE paper_id=:g AND source='editor'")
                    .bind("k", keep).bind("g", gone).execute();
        }
        h.createUpdate("DELETE FROM paper_topics WHERE paper_id=:g").bind("g", gone).execute();
        h.createUpdate("UPDATE corrections SET paper_id=:k WHERE paper_id=:g").bind("k", keep).bind("g", gone).execute();
        h.createUpdate("UPDATE related_works SET paper_id=:k WHERE paper_id=:g AND NOT EXISTS"
                        + " (SELECT 1 FROM related_works r WHERE r.candidate_id = related_works.candidate_id AND r.paper_id=:k)")
                .bind("k", keep).bind("g", gone).execute();
        h.createUpdate("DELETE FROM related_works WHERE paper_id=:g").bind("g", gone).execute();
    }

    /**
     * Brings the paper's metadata and signals up to date after sighting {@code newItemId} joined it
     * or changed; {@code updated_at} records when a new arXiv version, title or abstract changed a
     * paper that already existed. Then indexes the paper's title and that sighting's title when it
     * is a research sighting.
     *
     * <p>With {@code joined} (the sighting that just joined, as stored) and a merge state on the
     * paper row, the sighting is merged into the row's winners ({@link PaperMetadata.Merge}) without
     * reading the other sightings back; otherwise (a sighting that changed, a twin absorbed, a row
     * with no usable state) the paper is worked out again from all its sightings.
     */
    private void recompute(Handle h, Statements st, long paperId, long newItemId, Instant seenAt, TitleKeys keys,
            PaperMetadata.Sighting joined) {
        Before before;
        PaperMetadata.Merge merge = null;
        List<PaperMetadata.Sighting> sightings = null;
        try {
            // locked first: a save of another sighting of this paper running at the same time (a
            // submitted link beside the poller, a second process) waits here and then reads this
            // save's row and merge state, instead of merging into the state as it was before
            PreparedStatement b = st.plain("SELECT title, summary, authors, code_url, project_url, pdf_url,"
                    + " primary_category, categories, arxiv_comment, journal_ref, arxiv_version, published_at, merge_state,"
                    + " mentions, upvotes, stars, comments FROM papers WHERE id=? FOR UPDATE");
            b.setLong(1, paperId);
            try (ResultSet rs = b.executeQuery()) {
                if (!rs.next()) {
                    throw new IngestException("paper " + paperId + " has no row");
                }
                PaperMetadata.Row row = new PaperMetadata.Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getInt(11), rs.getInt(14), rs.getInt(15), rs.getInt(16),
                        rs.getInt(17));
                before = new Before(row.title(), row.summary(), row.arxivVersion(), rs.getObject(12, OffsetDateTime.class));
                if (joined != null) {
                    merge = PaperMetadata.Merge.decode(rs.getString(13), row);
                }
            }
            if (merge != null) {
                merge.add(joined);
            } else {
                sightings = sightings(st, paperId);
                if (sightings.isEmpty()) {
                    return;
                }
                merge = PaperMetadata.Merge.of(sightings);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        PaperMetadata.Best b = merge.best();
        String state = storedState(merge);
        String title = cut(b.title(), 1000);
        boolean changed = b.arxivVersion() > before.arxivVersion()
                || !Objects.equals(title, before.title()) || !Objects.equals(b.summary(), before.summary());
        PreparedStatement u = st.plain("UPDATE papers SET title=?, summary=?, authors=?, arxiv_version=?,"
                + " mentions=?, upvotes=?, stars=?, comments=?, code_url=?, project_url=?, pdf_url=?, primary_category=?,"
                + " categories=?, arxiv_comment=?, journal_ref=?,"
                + " published_at=CASE WHEN ? < published_at THEN ? ELSE published_at END, merge_state=?"
                + (changed ? ", updated_at=?" : "") + " WHERE id=?");
        // published_at only moves earlier (the paper row may know a time no sighting has any more);
        // the database decides, against the row as it is when the update runs
        OffsetDateTime published = before.publishedAt();
        if (published == null || (b.publishedAt() != null && b.publishedAt().isBefore(published.toInstant()))) {
            published = b.publishedAt() == null ? published : utc(b.publishedAt());
        }
        attempt(h, () -> {
            try {
                int i = 1;
                set(u, i++, title);
                set(u, i++, b.summary());
                set(u, i++, cut(b.authors(), 4000));
                i = bindSignals(u, i, b);
                OffsetDateTime candidate = b.publishedAt() == null ? null : utc(b.publishedAt());
                u.setObject(i++, candidate, Types.TIMESTAMP_WITH_TIMEZONE);
                u.setObject(i++, candidate, Types.TIMESTAMP_WITH_TIMEZONE);
                set(u, i++, state);
                if (changed) {
                    u.setObject(i++, utc(seenAt));
                }
                u.setLong(i, paperId);
                return u.executeUpdate();
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        });
        if (!Objects.equals(published, before.publishedAt())) {
            TitleIndex.of(h).published(paperId, published.toInstant());
        }
        // What earlier saves indexed: the paper's title as it stood, and every other research
        // sighting's title (each was indexed when it joined). Only what is new needs keys; a title
        // the index has for the paper already adds nothing there either.
        Set<String> indexed = new HashSet<>();
        indexed.add(before.title() == null ? "" : before.title());
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(title == null ? "" : title);
        if (sightings == null) {
            if (joined.rank() >= PaperMetadata.RANK_RESEARCH) {
                wanted.add(joined.title() == null ? "" : joined.title());
            }
        } else {
            for (PaperMetadata.Sighting s : sightings) {
                if (s.rank() >= PaperMetadata.RANK_RESEARCH) {
                    (s.itemId() != newItemId ? indexed : wanted).add(s.title() == null ? "" : s.title());
                }
            }
        }
        wanted.removeAll(indexed);
        indexTitles(h, paperId, wanted, published);
    }

    /** Every sighting of a paper, read back from its items. */
    private static List<PaperMetadata.Sighting> sightings(Statements st, long paperId) throws SQLException {
        List<PaperMetadata.Sighting> sightings = new ArrayList<>();
        PreparedStatement q = st.plain("SELECT id, source_id, source_rank, title, summary_text,"
                + " authors, arxiv_id, doi, arxiv_version, upvotes, stars, comments, code_url, project_url,"
                + " pdf_url, primary_category, categories, arxiv_comment, journal_ref, published_at"
                + " FROM items WHERE paper_id=?");
        q.setLong(1, paperId);
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                sightings.add(new PaperMetadata.Sighting(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                        rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getString(13), rs.getString(14),
                        rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                        rs.getObject(20, OffsetDateTime.class).toInstant()));
            }
        }
        return sightings;
    }

    /** The merge state to store on the paper row: null (recompute next time) when it is too long for its column. */
    private static String storedState(PaperMetadata.Merge merge) {
        String state = merge.encode();
        return state.length() <= MERGE_STATE_MAX ? state : null;
    }

    /** The paper row as {@link #recompute} found it. */
    private record Before(String title, String summary, int arxivVersion, OffsetDateTime publishedAt) {}

    /**
     * An item's publication time as stored: the feed's, or when it was first seen, to the
     * microsecond (the database's precision), so a merge from memory and one from the stored rows agree.
     */
    private static Instant published(Item item, Instant seenAt) {
        Instant t = item.publishedAt() != null ? item.publishedAt() : seenAt;
        return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * Re-indexes every title of a paper: its own and its research sightings'. For a paper whose
     * sightings came from elsewhere (a twin it absorbed), whose titles the index does not have yet.
     */
    private void reindex(Handle h, long paperId, TitleKeys keys) {
        Set<String> wanted = new LinkedHashSet<>();
        OffsetDateTime[] published = new OffsetDateTime[1];
        h.createQuery("SELECT title, published_at FROM papers WHERE id=:p").bind("p", paperId)
                .map((rs, ctx) -> {
                    wanted.add(rs.getString(1) == null ? "" : rs.getString(1));
                    published[0] = rs.getObject(2, OffsetDateTime.class);
                    return 0;
                }).list();
        if (published[0] == null) {
            return;
        }
        wanted.addAll(h.createQuery("SELECT title FROM items WHERE paper_id=:p AND source_rank >= " + PaperMetadata.RANK_RESEARCH).bind("p", paperId)
                .map((rs, ctx) -> rs.getString(1) == null ? "" : rs.getString(1)).list());
        indexTitles(h, paperId, wanted, published[0]);
    }

    /** Indexes the title of a paper this save created (its one sighting's title). */
    private void indexNew(Handle h, long paperId, PaperMetadata.Sighting only, Instant published, TitleKeys keys) {
        TitleIndex.of(h).add(paperId, only.title(), published);
    }

    /** Adds {@code titles} to the paper's entry in the {@link TitleIndex} (titles it has already add nothing). */
    private static void indexTitles(Handle h, long paperId, Set<String> titles, OffsetDateTime published) {
        if (titles.isEmpty() || published == null) {
            return;
        }
        TitleIndex index = TitleIndex.of(h);
        for (String t : titles) {
            index.add(paperId, t, published.toInstant());
        }
    }

    // ---- helpers ----

    private static Optional<PaperIds> byArxiv(Handle h, String arxivId) {
        return h.createQuery("SELECT id, arxiv_id, doi FROM papers WHERE arxiv_id=:a").bind("a", arxivId)
                .map((rs, ctx) -> paperIds(rs)).findOne();
    }

    private static Optional<PaperIds> byDoi(Handle h, String doi) {
        return h.createQuery("SELECT id, arxiv_id, doi FROM papers WHERE doi=:d").bind("d", cut(doi, 300))
                .map((rs, ctx) -> paperIds(rs)).findOne();
    }

    /** The papers with this canonical URL; when none, the papers of items with it. By paper id. */
    private static List<PaperIds> byUrl(Handle h, String url) {
        List<PaperIds> byUrl = h.createQuery("SELECT id, arxiv_id, doi FROM papers WHERE canonical_url=:u ORDER BY id")
                .bind("u", url).map((rs, ctx) -> paperIds(rs)).list();
        if (byUrl.isEmpty()) {
            byUrl = h.createQuery("SELECT p.id, p.arxiv_id, p.doi FROM items i JOIN papers p ON p.id = i.paper_id"
                            + " WHERE i.canonical_url=:u ORDER BY p.id")
                    .bind("u", url).map((rs, ctx) -> paperIds(rs)).list();
        }
        return byUrl;
    }

    /** The canonical URL a paper created from this item gets. */
    private static String canonical(Item item) {
        return item.arxivId() != null ? "https://arxiv.org/abs/" + item.arxivId()
                : item.canonicalUrl() != null ? item.canonicalUrl() : item.guid();
    }

    private static Optional<PaperIds> ids(Handle h, long paperId) {
        return h.createQuery("SELECT id, arxiv_id, doi FROM papers WHERE id=:p").bind("p", paperId)
                .map((rs, ctx) -> paperIds(rs)).findOne();
    }

    private static PaperIds paperIds(ResultSet rs) throws SQLException {
        return new PaperIds(rs.getLong("id"), rs.getString("arxiv_id"), rs.getString("doi"));
    }

    /** A paper found by URL or title may take the item unless their arXiv ids or DOIs disagree. */
    private static boolean compatible(PaperIds p, Item item) {
        boolean arxivClash = p.arxivId() != null && item.arxivId() != null && !p.arxivId().equals(item.arxivId());
        boolean doiClash = p.doi() != null && item.doi() != null && !p.doi().equals(item.doi());
        return !arxivClash && !doiClash;
    }

    /**
     * Runs a write on a paper row that another source's transaction may hold or create at the same
     * time. On a unique-index violation it rolls back just that write (a savepoint, so the
     * surrounding transaction stays usable on PostgreSQL) and returns empty; on a lock timeout or
     * deadlock (H2 gives up waiting after its lock timeout) it rolls back to the savepoint and tries
     * again until {@link #LOCK_WAIT} has passed.
     */
    private static <T> Optional<T> attempt(Handle h, Supplier<T> write) {
        boolean tx = h.isInTransaction();
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        int[] depth = SAVEPOINT_DEPTH.get();
        // named by nesting depth, not by a counter: H2 parses "SAVEPOINT name" like any statement and
        // keeps it in the session's statement cache, so a new name per write pushed the store's own
        // statements out of that cache, and they were parsed again and again
        String sp = "merge_" + depth[0];
        depth[0]++;
        try {
            return attemptAt(h, write, tx, deadline, sp);
        } finally {
            depth[0]--;
        }
    }

    private static <T> Optional<T> attemptAt(Handle h, Supplier<T> write, boolean tx, long deadline, String sp) {
        while (true) {
            if (tx) {
                h.savepoint(sp);
            }
            try {
                T result = write.get();
                if (tx) {
                    h.release(sp);
                }
                return Optional.of(result);
            } catch (UnableToExecuteStatementException e) {
                String state = sqlState(e);
                boolean unique = "23505".equals(state);
                boolean retry = RETRYABLE.contains(state) && System.nanoTime() < deadline;
                if (!unique && !retry) {
                    throw e;
                }
                if (tx) {
                    h.rollbackToSavepoint(sp);
                }
                if (unique) {
                    return Optional.empty();
                }
                LOG.debug("ingest.paper.lock_wait state={}", state);
            }
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static boolean hasPath(String url) {
        if (url == null) {
            return false;
        }
        int plain = plainHttpPathLength(url);
        if (plain >= 0) {
            return plain > 1;
        }
        try {
            String path = URI.create(url).getPath();
            return path != null && path.length() > 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The length of the path of an http(s) URL made only of characters {@link URI} takes as they
     * are (letters, digits and {@code -._~!$&'()*+,;=:@/?#}: no escapes, spaces or brackets), or -1
     * for any other string, which {@link #hasPath} leaves to {@link URI}. Such a URL always parses,
     * and its path is the characters from the first {@code /} after the authority to the first
     * {@code ?} or {@code #}: the same path {@code URI.create(url).getPath()} gives, without
     * parsing the whole URL into an object (three look-ups per stored item).
     */
    static int plainHttpPathLength(String url) {
        int start = url.startsWith("https://") ? 8 : url.startsWith("http://") ? 7 : -1;
        int hash = url.indexOf('#');
        if (start < 0 || hash >= 0 && url.indexOf('#', hash + 1) >= 0) {
            return -1; // not http(s), or a second '#' (not allowed in a fragment)
        }
        int pathStart = -1;
        int pathEnd = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/?#".indexOf(c) >= 0)) {
                return -1;
            }
            if (pathEnd == url.length()) {
                if (c == '?' || c == '#') {
                    pathEnd = i;
                } else if (c == '/' && pathStart < 0) {
                    pathStart = i;
                }
            }
        }
        if (pathStart < 0 || pathStart > pathEnd) {
            // no path before the query or fragment (or an empty authority): leave it to URI
            return pathStart < 0 && pathEnd > start ? 0 : -1;
        }
        if (pathStart == start) {
            return -1; // "http:///path": no authority
        }
        return pathEnd - pathStart;
    }

    private static String host(String url) {
        if (url == null) {
            return "";
        }
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
