package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long S = 1_000_000_000L;

    @Test
    void spacesRequestsThatArriveTogether() {
        AtomicLong now = new AtomicLong(100 * S);
        List<Long> slept = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(Duration.ofSeconds(3), now::get, slept::add);

        assertThat(limiter.acquire()).isZero();
        assertThat(limiter.acquire()).isEqualTo(3 * S);
        assertThat(limiter.acquire()).isEqualTo(6 * S);
        assertThat(slept).containsExactly(3 * S, 6 * S);

        now.addAndGet(7 * S); // one second after the last reserved slot
        slept.clear();
        assertThat(limiter.acquire()).isEqualTo(2 * S);
        now.addAndGet(60 * S);
        assertThat(limiter.acquire()).isZero();
        assertThat(slept).containsExactly(2 * S);
    }
}
