package org.trendpress.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The titles of Papers in memory, for {@link ItemStore}'s near-identical title look-up: each
 * paper's own title and its research sightings' titles, under the {@value TitleMatch#BANDS}
 * MinHash band hashes of {@link TitleMatch#bands}, with the paper's publication time. One index per
 * database ({@link Jdbi}), shared by every {@link ItemStore} of the process.
 *
 * <p>It only proposes: a paper it names is checked against the database before an item joins it
 * (the paper may have been rolled back or absorbed, or its titles changed), so a stale entry costs
 * a query, never a wrong merge. What it must not do is miss a title, so:
 * <ul>
 *   <li>it is built from the database at its first use, for papers published since
 *       {@link #RETENTION} before that save ({@link #complete}: items whose time window reaches
 *       further back are matched by the database instead, see {@link ItemStore});</li>
 *   <li>every save in this process adds what it writes at once (inside its transaction, so later
 *       items of the same transaction see it);</li>
 *   <li>each save first reads the papers and research sightings with ids above the highest it has
 *       seen, which were written by another process. (A row another process commits after a row
 *       with a higher id was read is missed, like two concurrent first sightings sharing only a
 *       title.)</li>
 * </ul>
 *
 * <p>Memory is bounded by the papers published in {@link #RETENTION}: once a day (by the saves'
 * clock) older papers are dropped and the look-up table rebuilt. About 0.7 KB per paper (measured
 * with 40,000 papers of 1.25 titles each; 1.1 KB when each paper and title was an object and the
 * postings chained): its entry and its titles' words, and 20 postings per title, each a pair of
 * ints in one open-addressing table; since then, each title's signature and shape (two longs, in
 * an array per paper: about 50 bytes a paper) let a look-up pass over most unrelated titles
 * without reading them.
 */
final class TitleIndex {

    /** How far back (publication time) the index keeps papers. */
    static final Duration RETENTION = Duration.ofDays(180);
    private static final long COMPACT_EVERY = Duration.ofDays(1).getSeconds();

    private static final Map<Jdbi, TitleIndex> BY_DATABASE = new WeakHashMap<>();

    /** The index of the handle's database. */
    static TitleIndex of(Handle h) {
        synchronized (BY_DATABASE) {
            return BY_DATABASE.computeIfAbsent(h.getJdbi(), j -> new TitleIndex());
        }
    }

    /** A title's look-up keys (its band hashes folded to ints), as {@link #add} posts them. */
    private static int[] keysOf(long[] bands) {
        int[] keys = new int[bands.length];
        for (int b = 0; b < bands.length; b++) {
            keys[b] = key(bands[b]);
        }
        return keys;
    }

    /** The words of one indexed title (its significant tokens joined by spaces), as a list. */
    private static List<String> significant(String words) {
        return Arrays.asList(words.split(" "));
    }

    private final Papers papers = new Papers();
    private final Postings postings = new Postings();
    private boolean loaded;
    /** Papers published at or after this (epoch seconds) are all in the index. */
    private long floor;
    private long lastCompaction;
    private long maxPaperId;
    private long maxItemId;

    /**
     * Makes the index current before a save at {@code now}: built from the database at its first
     * use, then brought up to date with rows other processes wrote since; drops old papers once a
     * day.
     */
    synchronized void refresh(Handle h, Instant now) {
        long nowSec = now.getEpochSecond();
        if (!loaded) {
            floor = nowSec - RETENTION.getSeconds();
            lastCompaction = nowSec;
            maxPaperId = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM papers").mapTo(Long.class).one();
            maxItemId = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM items").mapTo(Long.class).one();
            OffsetDateTime from = SourceStore.utc(Instant.ofEpochSecond(floor));
            h.createQuery("SELECT id, title, published_at FROM papers WHERE published_at >= :from")
                    .bind("from", from)
                    .map((rs, ctx) -> {
                        add(rs.getLong(1), rs.getString(2), epoch(rs.getObject(3, OffsetDateTime.class)));
                        return 0;
                    }).forEach(x -> { });
            h.createQuery("SELECT i.paper_id, i.title, p.published_at FROM items i JOIN papers p ON p.id = i.paper_id"
                            + " WHERE p.published_at >= :from AND i.source_rank >= " + PaperMetadata.RANK_RESEARCH)
                    .bind("from", from)
                    .map((rs, ctx) -> {
                        add(rs.getLong(1), rs.getString(2), epoch(rs.getObject(3, OffsetDateTime.class)));
                        return 0;
                    }).forEach(x -> { });
            loaded = true;
            return;
        }
        long[] maxP = {maxPaperId};
        h.createQuery("SELECT id, title, published_at FROM papers WHERE id > :max").bind("max", maxPaperId)
                .map((rs, ctx) -> {
                    long id = rs.getLong(1);
                    maxP[0] = Math.max(maxP[0], id);
                    long at = epoch(rs.getObject(3, OffsetDateTime.class));
                    if (at >= floor || papers.find(id) >= 0) {
                        add(id, rs.getString(2), at);
                    }
                    return 0;
                }).forEach(x -> { });
        maxPaperId = maxP[0];
        long[] maxI = {maxItemId};
        h.createQuery("SELECT i.id, i.paper_id, i.title, i.source_rank, p.published_at FROM items i"
                        + " LEFT JOIN papers p ON p.id = i.paper_id WHERE i.id > :max")
                .bind("max", maxItemId)
                .map((rs, ctx) -> {
                    maxI[0] = Math.max(maxI[0], rs.getLong(1));
                    long paper = rs.getLong(2);
                    OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                    if (paper != 0 && at != null && rs.getInt(4) >= PaperMetadata.RANK_RESEARCH
                            && (epoch(at) >= floor || papers.find(paper) >= 0)) {
                        add(paper, rs.getString(3), epoch(at));
                    }
                    return 0;
                }).forEach(x -> { });
        maxItemId = maxI[0];
        if (nowSec - lastCompaction >= COMPACT_EVERY) {
            compact(nowSec - RETENTION.getSeconds());
            lastCompaction = nowSec;
        }
    }

    /**
     * Item and paper rows this process wrote through {@link ItemStore}, now committed, whose titles
     * it gave the index as it wrote them: the catch-up in {@link #refresh} skips what they cover.
     * It moves past a row only while the rows just above what it has read are all among these (ids
     * with no gap), so a row another transaction wrote in between is still read.
     */
    synchronized void written(long[] itemIds, long[] paperIds) {
        if (!loaded) {
            return;
        }
        maxItemId = advance(maxItemId, itemIds);
        maxPaperId = advance(maxPaperId, paperIds);
    }

    private static long advance(long max, long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        long next = max + 1;
        for (long id : sorted) {
            if (id < next) {
                continue;
            }
            if (id != next) {
                break;
            }
            next++;
        }
        return next - 1;
    }

    /** Whether every paper published at or after {@code from} is in the index. */
    synchronized boolean complete(Instant from) {
        return loaded && from.getEpochSecond() >= floor;
    }

    /**
     * Adds a title to a paper (creating its entry), with the paper's publication time as the
     * database now has it. A title the paper already has, or one too generic to match, adds no keys.
     */
    synchronized void add(long paperId, String title, Instant published) {
        add(paperId, title, published.getEpochSecond());
    }

    private void add(long paperId, String title, long published) {
        int at = papers.put(paperId, published);
        List<String> sig = TitleMatch.significant(title == null ? "" : title);
        if (sig.size() < TitleMatch.MIN_SIGNIFICANT) {
            return; // too generic to match anything
        }
        String words = String.join(" ", sig);
        if (papers.addTitle(at, words)) {
            post(at, keysOf(bands(sig)));
        }
    }

    /** Posts the keys under the paper's entry, each once: a key it has already (another title's) is skipped. */
    private void post(int entry, int[] keys) {
        for (int k : keys) {
            postings.addIfAbsent(k, entry);
        }
    }

    /** The paper's publication time changed (a sighting published earlier joined it). */
    synchronized void published(long paperId, Instant published) {
        int at = papers.find(paperId);
        if (at >= 0) {
            papers.published[at] = published.getEpochSecond();
        }
    }

    /** A paper was deleted (absorbed into another). */
    synchronized void remove(long paperId) {
        if (papers.kill(paperId)) {
            if (papers.dead > 1024 && papers.dead > papers.live()) {
                compact(floor);
            }
        }
    }

    /**
     * Of the papers published within [{@code from}, {@code to}], the {@code limit} sharing the most
     * keys with the given significant tokens (then lowest id), those with a title that matches them
     * ({@link TitleMatch#similarity}).
     */
    synchronized List<Long> candidates(List<String> significant, Instant from, Instant to, int limit) {
        long[] bands = bands(significant);
        if (bands == null) {
            return List.of();
        }
        long lo = from.getEpochSecond();
        long hi = to.getEpochSecond();
        // as the database look-up did: the papers in the window sharing the most keys, then their titles
        counts.clear();
        for (long band : bands) {
            postings.forEach(key(band), counts::add);
        }
        // (keys shared, descending; then paper id) packed into one sortable long per paper in the window
        long[] order = new long[counts.size()];
        int n = 0;
        for (int i = 0; i < counts.size(); i++) {
            int at = (int) counts.id(i);
            long id = papers.ids[at];
            long published = papers.published[at];
            if (papers.titles[at] != null && published >= lo && published <= hi && id >= 0 && id < (1L << 40)) {
                order[n++] = ((long) (Counts.MAX - counts.count(i)) << 40) | id;
            }
        }
        Arrays.sort(order, 0, n);
        List<Long> out = new ArrayList<>();
        // each stored title (the entry's lines) compared where it lies, the query made ready once
        TitleMatch.Query query = new TitleMatch.Query(significant);
        for (int i = 0; i < Math.min(n, limit); i++) {
            long id = order[i] & ((1L << 40) - 1);
            int entry = papers.find(id);
            String titles = papers.titles[entry];
            long[] shapes = papers.shapes[entry];
            for (int start = 0, line = 0; start < titles.length(); line++) {
                int end = titles.indexOf('\n', start);
                if (end < 0) {
                    end = titles.length();
                }
                // the line's signature and shape rule most unrelated titles out without reading them
                if (query.mayMatch(shapes[2 * line], shapes[2 * line + 1])
                        && query.similarity(titles, start, end) > 0) {
                    out.add(id);
                    break;
                }
                start = end + 1;
            }
        }
        return out;
    }

    /** How many papers and titles the index holds (for tests and logs). */
    synchronized int[] size() {
        int titles = 0;
        for (int at = 0; at < papers.count; at++) {
            titles += papers.titlesOf(at).length;
        }
        return new int[] {papers.live(), titles};
    }

    /** Drops papers published before {@code newFloor} (and deleted ones), and rebuilds the look-up table. */
    private void compact(long newFloor) {
        floor = Math.max(floor, newFloor);
        papers.keepFrom(floor);
        postings.clear();
        for (int at = 0; at < papers.count; at++) {
            for (String words : papers.titlesOf(at)) {
                post(at, keysOf(TitleMatch.bands(significant(words))));
            }
        }
    }

    /** The last title's bands: a save looks a title up, then adds the same title to the paper it found or made. */
    private List<String> lastSignificant;
    private long[] lastBands;

    /** Hands over the bands of the title a save is about to look up (worked out before the store lane). */
    synchronized void prime(List<String> significant, long[] bands) {
        lastSignificant = significant;
        lastBands = bands;
    }

    private long[] bands(List<String> significant) {
        if (!significant.equals(lastSignificant)) {
            lastBands = TitleMatch.bands(significant);
            lastSignificant = significant;
        }
        return lastBands;
    }

    /** The first slot to probe for a hash in a power-of-two table: the hash spread, then masked. */
    private static int slotOf(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private static int key(long band) {
        return (int) (band ^ (band >>> 32));
    }

    private static long epoch(OffsetDateTime t) {
        return t.toEpochSecond();
    }

    /** How many of a title's keys each paper shares, for {@link #candidates} (guarded by the index's lock). */
    private final Counts counts = new Counts();

    /**
     * Paper id → count, open addressing over primitive arrays, cleared and reused by every look-up
     * (a map of boxed ids and counts per look-up was most of the look-up's garbage).
     */
    static final class Counts {
        /** Larger than any count: a paper gets at most one count per key of the title looked up. */
        static final int MAX = 1 << 20;
        private long[] slotId = new long[64];
        private int[] slotAt = new int[64]; // index into ids/counts + 1; 0 = empty
        private long[] ids = new long[32];
        private int[] counts = new int[32];
        private int size;

        void clear() {
            if (size > 0) {
                Arrays.fill(slotAt, 0);
                size = 0;
            }
        }

        void add(long id) {
            int mask = slotAt.length - 1;
            int i = slotOf(Long.hashCode(id), mask);
            while (slotAt[i] != 0) {
                if (slotId[i] == id) {
                    counts[slotAt[i] - 1]++;
                    return;
                }
                i = (i + 1) & mask;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            ids[size] = id;
            counts[size] = 1;
            size++;
            slotId[i] = id;
            slotAt[i] = size;
            if (size * 2 > slotAt.length) {
                rehash();
            }
        }

        private void rehash() {
            slotId = new long[slotAt.length * 2];
            slotAt = new int[slotId.length];
            int mask = slotAt.length - 1;
            for (int k = 0; k < size; k++) {
                int i = slotOf(Long.hashCode(ids[k]), mask);
                while (slotAt[i] != 0) {
                    i = (i + 1) & mask;
                }
                slotId[i] = ids[k];
                slotAt[i] = k + 1;
            }
        }

        int size() {
            return size;
        }

        long id(int i) {
            return ids[i];
        }

        int count(int i) {
            return counts[i];
        }
    }

    /**
     * The indexed papers, one entry each in parallel arrays (no object per paper): its id, its
     * publication time (epoch seconds) and its titles' words, one line per title; {@code null}
     * titles mark a deleted paper. An open-addressing table maps paper ids to entries.
     */
    private static final class Papers {
        long[] ids = new long[256];
        long[] published = new long[256];
        String[] titles = new String[256];
        /** Per entry, each title's {@link TitleMatch#signature} and {@link TitleMatch#shape}, in line order. */
        long[][] shapes = new long[256][];
        /** Entries in use (deleted ones included, until {@link #keepFrom}). */
        int count;
        int dead;
        private long[] slotId = new long[512];
        private int[] slotEntry = new int[512]; // entry + 1; 0 = empty

        int live() {
            return count - dead;
        }

        /** The paper's entry, or -1. A deleted paper has none. */
        int find(long id) {
            int s = slot(id);
            int at = slotEntry[s] - 1;
            return at >= 0 && titles[at] != null ? at : -1;
        }

        /** The paper's entry, made if it has none, with its publication time set. */
        int put(long id, long publishedAt) {
            int s = slot(id);
            int at = slotEntry[s] - 1;
            if (at >= 0) {
                if (titles[at] == null) { // deleted, and back (its id was rolled back and written again)
                    titles[at] = "";
                    shapes[at] = NO_SHAPES;
                    dead--;
                }
                published[at] = publishedAt;
                return at;
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                published = Arrays.copyOf(published, count * 2);
                titles = Arrays.copyOf(titles, count * 2);
                shapes = Arrays.copyOf(shapes, count * 2);
            }
            at = count++;
            ids[at] = id;
            published[at] = publishedAt;
            titles[at] = "";
            shapes[at] = NO_SHAPES;
            slotId[s] = id;
            slotEntry[s] = at + 1;
            if (count * 4 > slotId.length * 3) {
                rehash(slotId.length * 2);
            }
            return at;
        }

        private static final String[] NO_TITLES = {};
        private static final long[] NO_SHAPES = {};

        /** The words of each of the entry's titles (none for a deleted paper or one without titles). */
        String[] titlesOf(int at) {
            String t = titles[at];
            return t == null || t.isEmpty() ? NO_TITLES : t.split("\n");
        }

        /** Adds a title's words to the entry; false when it has them already. */
        boolean addTitle(int at, String words) {
            String[] have = titlesOf(at);
            for (String w : have) {
                if (w.equals(words)) {
                    return false;
                }
            }
            titles[at] = have.length == 0 ? words : titles[at] + "\n" + words;
            long[] sh = Arrays.copyOf(shapes[at], shapes[at].length + 2);
            String[] tokens = words.split(" ");
            sh[sh.length - 2] = TitleMatch.signature(tokens);
            sh[sh.length - 1] = TitleMatch.shape(tokens);
            shapes[at] = sh;
            return true;
        }

        /** Marks the paper deleted; false when it had no entry. */
        boolean kill(long id) {
            int at = find(id);
            if (at < 0) {
                return false;
            }
            titles[at] = null;
            shapes[at] = null;
            dead++;
            return true;
        }

        /** Keeps the papers published at or after {@code floor}, in new entries (the postings must be rebuilt). */
        void keepFrom(long floor) {
            int n = 0;
            for (int at = 0; at < count; at++) {
                if (titles[at] != null && published[at] >= floor) {
                    ids[n] = ids[at];
                    published[n] = published[at];
                    titles[n] = titles[at];
                    shapes[n] = shapes[at];
                    n++;
                }
            }
            Arrays.fill(titles, n, count, null);
            Arrays.fill(shapes, n, count, null);
            count = n;
            dead = 0;
            int size = 512;
            while (count * 4 > size * 3) {
                size *= 2;
            }
            rehash(size);
        }

        private void rehash(int size) {
            slotId = new long[size];
            slotEntry = new int[size];
            for (int at = 0; at < count; at++) {
                int s = slot(ids[at]);
                slotId[s] = ids[at];
                slotEntry[s] = at + 1;
            }
        }

        private int slot(long id) {
            int mask = slotId.length - 1;
            int i = slotOf(Long.hashCode(id), mask);
            while (slotEntry[i] != 0 && slotId[i] != id) {
                i = (i + 1) & mask;
            }
            return i;
        }
    }

    /**
     * int key → paper entries: one open-addressing table of (key, entry) pairs packed into longs, a
     * key's pairs found by probing from its slot to the next empty one. Titles' keys are nearly all
     * distinct, so a pair per slot takes half the memory of a slot table with chained postings.
     */
    private static final class Postings {
        private long[] table = new long[1024]; // key << 32 | entry + 1; 0 = empty
        private int used;

        void clear() {
            table = new long[1024];
            used = 0;
        }

        /** Posts the entry under the key unless it is there already. */
        void addIfAbsent(int key, int entry) {
            long pair = pair(key, entry);
            int mask = table.length - 1;
            int i = slotOf(key, mask);
            while (table[i] != 0) {
                if (table[i] == pair) {
                    return;
                }
                i = (i + 1) & mask;
            }
            table[i] = pair;
            // three quarters full at most (the probe runs stay a few slots long)
            if (++used * 4 > table.length * 3) {
                grow();
            }
        }

        void forEach(int key, java.util.function.IntConsumer action) {
            int mask = table.length - 1;
            for (int i = slotOf(key, mask); table[i] != 0; i = (i + 1) & mask) {
                if ((int) (table[i] >>> 32) == key) {
                    action.accept((int) table[i] - 1);
                }
            }
        }

        private static long pair(int key, int entry) {
            return ((long) key << 32) | ((entry + 1) & 0xFFFFFFFFL);
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            int mask = table.length - 1;
            for (long pair : old) {
                if (pair != 0) {
                    int i = slotOf((int) (pair >>> 32), mask);
                    while (table[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    table[i] = pair;
                }
            }
        }
    }
}
