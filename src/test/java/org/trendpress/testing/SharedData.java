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

    /**
     * Where the shared data lives: {@code TRENDPRESS_SHARED_DATA} when set, else the first
     * {@code shared/data} beside the working directory or one of its parents (a clone checked
     * out elsewhere on the same machine, as CI does, still finds the workplace's copy).
     */
    public static Path root() {
        String env = System.getenv("TRENDPRESS_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("/work/shared/data");
    }

    /** The folder {@code ../shared/data/<sub>}, or a skipped (or, under CI, failed) test. */
    public static Path require(String sub) {
        Path root = root();
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
