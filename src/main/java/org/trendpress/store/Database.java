package org.trendpress.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The application's database: a JDBC data source, migrated by Flyway at open, reached through Jdbi.
 * H2 (embedded file) is the default; a {@code jdbc:postgresql:} URL selects PostgreSQL.
 */
public final class Database implements AutoCloseable {

    /**
     * At most this many H2 connections are open at once (poll threads, the store lane, the web
     * server's threads, Quartz jobs); a thread past it waits for one to be handed back.
     */
    static final int MAX_H2_CONNECTIONS = 64;

    static {
        // H2's object cache (on unless the system property says otherwise) hashes every string up
        // to 4 KB that H2 binds or reads from a page, to share equal strings through a small global
        // table; for ingest, whose strings (summaries, titles, URLs) are almost all distinct, that
        // was pure cost: 3% of the JVM's CPU in hashing alone and 12-16% of the store lane's CPU
        // in an A/B at full size (bench/README.md, round seven). H2 reads the property once, when
        // its settings class loads, so it is set here, before the application's first H2 call;
        // -Dh2.objectCache=true on the command line still wins.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String url;

    private Database(DataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens the database at {@code url} and applies every pending migration. */
    public static Database open(String url, String user, String password) {
        DataSource ds;
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            // MONTH is a keyword in H2 2.x but a plain column name in PostgreSQL and in our schema
            h2.setURL(h2Url(url));
            h2.setUser(user == null ? "" : user);
            h2.setPassword(password == null ? "" : password);
            // H2 runs the URL's session settings as SET commands on every new connection, and each
            // SET makes every session of the database parse all its statements again (H2 counts it
            // as a change of the schema). Pooled connections run them once each: without the pool,
            // the two connections a polled source opens for its state made the store lane parse
            // its statements again for every source, a tenth of its time.
            JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
            pool.setMaxConnections(MAX_H2_CONNECTIONS);
            ds = pool;
        } else if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            if (user != null && !user.isBlank()) {
                pg.setUser(user);
            }
            if (password != null && !password.isBlank()) {
                pg.setPassword(password);
            }
            ds = pg;
        } else {
            throw new StoreException("unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + url);
        }
        try (Connection ignored = ds.getConnection()) {
            // fail early with one clear message when the database cannot be reached
        } catch (SQLException e) {
            dispose(ds);
            throw new StoreException("cannot open database " + url + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            String upper = url.toUpperCase(java.util.Locale.ROOT);
            if (h2File(url) && !upper.contains(";WRITE_DELAY=")) {
                setWriteDelay(ds, H2_WRITE_DELAY_MS);
            }
            // ";CACHE_SIZE=", not QUERY_CACHE_SIZE
            if (h2File(url) && !upper.contains(";CACHE_SIZE=")) {
                setCacheSize(ds, h2CacheKb(Runtime.getRuntime().maxMemory()));
            }
        } catch (RuntimeException e) {
            dispose(ds);
            throw e;
        }
        return new Database(ds, url);
    }

    /**
     * How long (ms) H2 may keep committed changes in memory before its background writer stores
     * them in the file, unless the URL sets {@code WRITE_DELAY}. H2's default is 500 ms; at ingest
     * rates that is several megabytes of pages per write, serialised into one buffer that H2 grows
     * a megabyte at a time and keeps for reuse only up to 4 MB. On a small heap (G1 with 1 MB
     * regions) every such buffer is a humongous allocation, which starts a concurrent marking
     * cycle. At 100 ms (bench/README.md, round seven) the humongous allocations fell by two thirds;
     * a JFR recording of round nine found the rest were still H2's buffers (chunks past 4 MB, 33 of
     * the 36 marking cycles of the measured cycles). At 25 ms nearly every chunk fits a pooled
     * buffer: GC's CPU per ingest cycle fell from 2.5–3.9 s to 0.9–1.6 s, H2's serialisation rose
     * by 0.3 s; 10 ms wrote more, smaller chunks and was slower again. Changes also reach the disk
     * sooner; the file grows faster between H2's compactions (about 30% larger in the bench).
     */
    static final int H2_WRITE_DELAY_MS = 25;

    /**
     * H2's {@code AUTO_COMPACT_FILL_RATE} for a file database, unless the URL sets it. H2 rewrites the
     * live pages of chunks older than its 45 s retention time while their fill rate is under a target:
     * this rate while the store is idle, its square over 100 while it is busy. At H2's default of 90
     * it copied pages out of chunks still four-fifths live all through ingest (copying four bytes to
     * free one): once the ingest bench's database was older than the retention time, H2 wrote 20-25
     * KB per stored item instead of 12-15, its threads took 1-2 s more CPU per cycle and GC 2-3 s
     * more, and a cycle ran at 2.1-2.3 times feedparser's rate instead of 3-4. At 50 (a quarter while
     * busy) it still compacted through two of three such cycles; at 30 (9% while busy) not at all,
     * and the file after five cycles was no larger than at 90 (1,232 MB against 1,296). Not measured
     * here: how the file of a database running for months grows at 30 rather than 90 (a short test
     * saw H2 compact at neither while idle). {@code ;AUTO_COMPACT_FILL_RATE=90} in the URL restores
     * H2's default (bench/README.md, round thirteen).
     */
    static final int H2_AUTO_COMPACT_FILL_RATE = 30;

    /**
     * Sets H2's write delay once, on one connection, after the migrations: {@code SET WRITE_DELAY}
     * is a database setting, and as a URL setting it would run again on every new pooled
     * connection, each time making every session parse its statements again.
     */
    private static void setWriteDelay(DataSource ds, int ms) {
        setOnce(ds, "SET WRITE_DELAY " + ms, "write delay");
    }

    /**
     * The page cache of a file database, in KB, for a JVM whose heap may grow to {@code maxHeap}
     * bytes, unless the URL sets {@code CACHE_SIZE}: a 64th of the heap, at least 4 MB. H2's own
     * default is a 16th (16 MB on a 256 MB heap), by its estimate of the pages' size. Ingest
     * replaces cached pages all the time (every write of a page caches its new version), and on a
     * small heap those pages outlive a young collection or two and die in the old generation,
     * which G1 then marks over and over. In the ingest bench (256 MB heap) GC's CPU per cycle fell
     * from 1.6–2.0 s at H2's default to 0.5–0.8 s at 8 MB and 0.7–0.9 s at 4 MB, and the whole
     * JVM's from 11.7–12.9 s to 9.5–10.0 s at 4 MB: the extra page reads cost less than the
     * collections saved (bench/README.md, round ten).
     */
    static int h2CacheKb(long maxHeap) {
        long kb = maxHeap == Long.MAX_VALUE ? 64 * 1024 : maxHeap / 64 / 1024;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(4 * 1024, kb));
    }

    /** Sets H2's page cache once, on one connection, after the migrations (as {@link #setWriteDelay}). */
    private static void setCacheSize(DataSource ds, int kb) {
        setOnce(ds, "SET CACHE_SIZE " + kb, "cache size");
    }

    private static void setOnce(DataSource ds, String sql, String what) {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("cannot set H2's " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * H2 settings the application relies on, added unless the URL sets them: MONTH is a keyword in
     * H2 2.x but a plain column name in PostgreSQL and in our schema; a file database stays open
     * between connections until {@link #close()} (otherwise H2 closes and reopens the file whenever
     * the last connection closes, which is slow and, under parallel polling, was seen to corrupt
     * reads); writers wait up to 10 s for a lock instead of H2's default 1 s; a file database compacts
     * at {@link #H2_AUTO_COMPACT_FILL_RATE}; and each session keeps 256 parsed statements instead of 8.
     */
    static String h2Url(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        boolean file = !upper.startsWith("JDBC:H2:MEM:");
        StringBuilder b = new StringBuilder(url);
        if (!upper.contains("NON_KEYWORDS=")) {
            b.append(";NON_KEYWORDS=MONTH");
        }
        if (file && !upper.contains("DB_CLOSE_DELAY=")) {
            b.append(";DB_CLOSE_DELAY=-1");
        }
        if (!upper.contains("LOCK_TIMEOUT=")) {
            b.append(";LOCK_TIMEOUT=10000");
        }
        if (file && !upper.contains("AUTO_COMPACT_FILL_RATE=")) {
            b.append(";AUTO_COMPACT_FILL_RATE=").append(H2_AUTO_COMPACT_FILL_RATE);
        }
        if (!upper.contains("QUERY_CACHE_SIZE=")) {
            // storing an item runs a dozen distinct statements, and title matching IN lists of up to
            // 20 ids: with H2's default of 8 prepared queries kept per session (and still with 64),
            // they were parsed and planned again and again
            b.append(";QUERY_CACHE_SIZE=256");
        }
        return b.toString();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    /**
     * Closes an embedded H2 database (writes it out and releases the file) and its pooled
     * connections (an in-memory database without {@code DB_CLOSE_DELAY=-1} goes with them); no-op
     * for servers.
     */
    @Override
    public void close() {
        if (h2File(url)) {
            try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already closed: nothing to release
            }
        }
        dispose(dataSource);
    }

    /** An embedded H2 database in a file (not in memory, not PostgreSQL). */
    private static boolean h2File(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    private static void dispose(DataSource ds) {
        if (ds instanceof JdbcConnectionPool pool) {
            pool.dispose();
        }
    }
}
