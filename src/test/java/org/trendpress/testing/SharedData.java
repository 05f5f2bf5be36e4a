package org.trendpress.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real captures in {@code ../shared/data} (see its PROVENANCE.md). They are never copied into
 * this repository: tests read them in place, skip with a message when the folder is missing (a
 * user's clone), and fail when the {@code CI} environment variable is set (CI always has them).
 */
public final class SharedData {

    private SharedData() {}

    /** The folder {@code ../shared/data/<sub>}, or a skipped (or, under CI, failed) test. */
    public static Path require(String sub) {
        Path root = Path.of("..", "shared", "data").toAbsolutePath().normalize();
        Path dir = root.resolve(sub);
        if (!Files.isDirectory(dir)) {
            String msg = "shared test data not found at " + dir + " (tests over real captures need ../shared/data)";
            if (System.getenv("CI") != null) {
                fail(msg + "; CI is set, so this is an error");
            }
            assumeTrue(false, msg + "; skipping");
        }
        return dir;
    }
}
