package org.trendpress.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.trendpress.store.Database;

/**
 * A throw-away schema on the loopback PostgreSQL server (postgres@127.0.0.1:5432/test, trust auth on
 * this kind of machine), migrated by {@link Database#open}. Skips the test with a message when no
 * server answers; fails when {@code CI} is set, since CI machines have one.
 */
public final class PostgresSchema implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String schema = "tp_" + Long.toHexString(System.nanoTime());
    private final Database db;

    public PostgresSchema() {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        db = Database.open(SERVER + "?currentSchema=" + schema, "postgres", "");
    }

    public Database database() {
        return db;
    }

    /** Another {@link Database} on the same schema, as a restarted application would open it (the caller closes it). */
    public Database reopen() {
        return Database.open(SERVER + "?currentSchema=" + schema, "postgres", "");
    }

    @Override
    public void close() {
        db.close();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect() {
        try {
            return DriverManager.getConnection(SERVER, "postgres", "");
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI is set but PostgreSQL on 127.0.0.1:5432 is not reachable: " + e.getMessage());
            }
            assumeTrue(false, "PostgreSQL on 127.0.0.1:5432 not reachable, skipping: " + e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }
}
