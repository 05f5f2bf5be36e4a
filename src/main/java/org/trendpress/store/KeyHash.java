package org.trendpress.store;

/**
 * The 64-bit keys the database indexes in place of long strings (items' canonical URLs and entry
 * keys): a B-tree of longs is a tenth of the size of one of URLs, stays in H2's page cache, and
 * compares and rewrites its pages for far less. A key is not unique: every query that looks one up
 * also compares the string itself. FNV-1a over the UTF-16 code units, so the same string gives the
 * same key in every JVM and on every database (migration V9 wrote the keys of older rows with it).
 */
public final class KeyHash {

    private KeyHash() {}

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    /** The key of a string, or null for null. */
    public static Long of(String s) {
        return s == null ? null : hash(OFFSET, s);
    }

    /** The key of an item's entry key within its source (the two are looked up together), or null. */
    public static Long entry(String sourceId, String entryKey) {
        if (entryKey == null) {
            return null;
        }
        long h = hash(OFFSET, sourceId);
        h = (h ^ '\n') * PRIME;
        return hash(h, entryKey);
    }

    private static long hash(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * PRIME;
            h = (h ^ (c >>> 8)) * PRIME;
        }
        return h;
    }
}
