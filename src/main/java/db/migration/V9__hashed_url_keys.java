package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.trendpress.store.KeyHash;

/**
 * Items' canonical URL and (source, entry key) are looked up by 64-bit keys ({@link KeyHash})
 * instead of by the strings: the two string indexes were the largest random-access indexes of
 * {@code items} (long keys with long shared prefixes), read back from disk page by page as the
 * table grew. Adds the key columns, works out the keys of the rows already stored (in Java, so
 * that H2 and PostgreSQL get the same ones), and swaps the indexes.
 */
public class V9__hashed_url_keys extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE items ADD COLUMN canonical_hash BIGINT");
            st.execute("ALTER TABLE items ADD COLUMN entry_hash BIGINT");
        }
        try (Statement read = c.createStatement();
                PreparedStatement write = c.prepareStatement(
                        "UPDATE items SET canonical_hash=?, entry_hash=? WHERE id=?")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = read.executeQuery("SELECT id, source_id, canonical_url, entry_key FROM items"
                    + " WHERE canonical_url IS NOT NULL OR entry_key IS NOT NULL")) {
                while (rs.next()) {
                    write.setObject(1, KeyHash.of(rs.getString(3)), java.sql.Types.BIGINT);
                    write.setObject(2, KeyHash.entry(rs.getString(2), rs.getString(4)), java.sql.Types.BIGINT);
                    write.setLong(3, rs.getLong(1));
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX items_canonical_url");
            st.execute("DROP INDEX items_source_entry");
            st.execute("CREATE INDEX items_canonical_hash ON items (canonical_hash)");
            st.execute("CREATE INDEX items_entry_hash ON items (entry_hash)");
        }
    }
}
