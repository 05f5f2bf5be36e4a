package org.trendpress.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * clock) older papers are dropped and the look-up table rebuilt. About 1.5 KB per paper (measured
 * with 1.25 titles per paper): its entry and its titles' words, and 20 postings per title with
 * their slots in the look-up table.
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

    /**
     * One indexed title: its significant tokens joined by spaces (one string holds less than a
     * list of them; titles with the same tokens are the same title here). Its band keys are in the
     * postings and worked out again from the words when the look-up table is rebuilt ({@link #keys}):
     * kept per title, they were a tenth of the index's memory.
     */
    private record Title(String words) {
        List<String> significant() {
            return Arrays.asList(words.split(" "));
        }

        /** The title's look-up keys, as {@link #add} posted them (a repeated key once). */
        int[] keys() {
            return keysOf(TitleMatch.bands(significant()));
        }
    }

    private static int[] keysOf(long[] bands) {
        int[] keys = new int[bands.length];
        for (int b = 0; b < bands.length; b++) {
            keys[b] = key(bands[b]);
        }
        return keys;
    }

    private static final class Paper {
        final long id;
        long published;
        final List<Title> titles = new ArrayList<>(2);

        Paper(long id, long published) {
            this.id = id;
            this.published = published;
        }

        boolean has(String words) {
            for (Title t : titles) {
                if (t.words().equals(words)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<Long, Paper> papers = new HashMap<>();
    private final Postings postings = new Postings();
    private boolean loaded;
    /** Papers published at or after this (epoch seconds) are all in the index. */
    private long floor;
    private long lastCompaction;
    private long maxPaperId;
    private long maxItemId;
    private int dead;

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
                    if (at >= floor || papers.containsKey(id)) {
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
                            && (epoch(at) >= floor || papers.containsKey(paper))) {
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
        Paper p = papers.get(paperId);
        if (p == null) {
            p = new Paper(paperId, published);
            papers.put(paperId, p);
        } else {
            p.published = published;
        }
        List<String> sig = TitleMatch.significant(title == null ? "" : title);
        if (sig.size() < TitleMatch.MIN_SIGNIFICANT) {
            return; // too generic to match anything
        }
        String words = String.join(" ", sig);
        if (p.has(words)) {
            return;
        }
        p.titles.add(new Title(words));
        post(paperId, keysOf(bands(sig)));
    }

    /** Posts the keys under the paper, each once: a key it has already (another title's) is skipped. */
    private void post(long paperId, int[] keys) {
        for (int k : keys) {
            if (!postings.has(k, paperId)) {
                postings.add(k, paperId);
            }
        }
    }

    /** The paper's publication time changed (a sighting published earlier joined it). */
    synchronized void published(long paperId, Instant published) {
        Paper p = papers.get(paperId);
        if (p != null) {
            p.published = published.getEpochSecond();
        }
    }

    /** A paper was deleted (absorbed into another). */
    synchronized void remove(long paperId) {
        if (papers.remove(paperId) != null) {
            dead++;
            if (dead > 1024 && dead > papers.size()) {
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
            long id = counts.id(i);
            Paper p = papers.get(id);
            if (p != null && p.published >= lo && p.published <= hi && id >= 0 && id < (1L << 40)) {
                order[n++] = ((long) (Counts.MAX - counts.count(i)) << 40) | id;
            }
        }
        Arrays.sort(order, 0, n);
        List<Long> top = new ArrayList<>(Math.min(n, limit));
        for (int i = 0; i < n && top.size() < limit; i++) {
            top.add(order[i] & ((1L << 40) - 1));
        }
        List<Long> out = new ArrayList<>();
        for (Long id : top) {
            for (Title t : papers.get(id).titles) {
                if (TitleMatch.similarity(significant, t.significant()) > 0) {
                    out.add(id);
                    break;
                }
            }
        }
        return out;
    }

    /** How many papers and titles the index holds (for tests and logs). */
    synchronized int[] size() {
        return new int[] {papers.size(), papers.values().stream().mapToInt(p -> p.titles.size()).sum()};
    }

    /** Drops papers published before {@code newFloor} and rebuilds the look-up table. */
    private void compact(long newFloor) {
        floor = Math.max(floor, newFloor);
        papers.values().removeIf(p -> p.published < floor);
        postings.clear();
        for (Paper p : papers.values()) {
            for (Title t : p.titles) {
                post(p.id, t.keys());
            }
        }
        dead = 0;
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
            int h = Long.hashCode(id) * 0x9E3779B9;
            int i = (h ^ (h >>> 16)) & mask;
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
                int h = Long.hashCode(ids[k]) * 0x9E3779B9;
                int i = (h ^ (h >>> 16)) & mask;
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

    /** int key → paper ids, open addressing over primitive arrays (no boxing per posting). */
    private static final class Postings {
        private int[] slotKey = new int[1024];
        private int[] slotHead = new int[1024];
        private int used;
        private long[] entryPaper = new long[1024];
        private int[] entryNext = new int[1024];
        private int entries;

        Postings() {
            Arrays.fill(slotHead, -1);
        }

        void clear() {
            slotKey = new int[1024];
            slotHead = new int[1024];
            Arrays.fill(slotHead, -1);
            used = 0;
            entryPaper = new long[1024];
            entryNext = new int[1024];
            entries = 0;
        }

        void add(int key, long paperId) {
            // three quarters full at most: titles' keys are nearly all distinct, so at half full the
            // table took more memory than the postings themselves
            if ((used + 1) * 4 > slotKey.length * 3) {
                grow();
            }
            int slot = slot(slotKey, slotHead, key);
            if (slotHead[slot] < 0) {
                slotKey[slot] = key;
                used++;
            }
            if (entries == entryPaper.length) {
                entryPaper = Arrays.copyOf(entryPaper, entries * 2);
                entryNext = Arrays.copyOf(entryNext, entries * 2);
            }
            entryPaper[entries] = paperId;
            entryNext[entries] = slotHead[slot];
            slotHead[slot] = entries++;
        }

        /** Whether the key's postings hold the paper (its chain is a handful of papers at most). */
        boolean has(int key, long paperId) {
            int slot = slot(slotKey, slotHead, key);
            for (int e = slotHead[slot]; e >= 0; e = entryNext[e]) {
                if (entryPaper[e] == paperId) {
                    return true;
                }
            }
            return false;
        }

        void forEach(int key, java.util.function.LongConsumer action) {
            int slot = slot(slotKey, slotHead, key);
            for (int e = slotHead[slot]; e >= 0; e = entryNext[e]) {
                action.accept(entryPaper[e]);
            }
        }

        private static int slot(int[] keys, int[] heads, int key) {
            int mask = keys.length - 1;
            int h = key * 0x9E3779B9;
            int i = (h ^ (h >>> 16)) & mask;
            while (heads[i] >= 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private void grow() {
            int[] oldKeys = slotKey;
            int[] oldHeads = slotHead;
            slotKey = new int[oldKeys.length * 2];
            slotHead = new int[oldKeys.length * 2];
            Arrays.fill(slotHead, -1);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldHeads[i] >= 0) {
                    int s = slot(slotKey, slotHead, oldKeys[i]);
                    slotKey[s] = oldKeys[i];
                    slotHead[s] = oldHeads[i];
                }
            }
        }
    }
}
