package org.trendpress.ingest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces requests to one host (arXiv asks for at most one request every 3 seconds): each
 * {@link #acquire} reserves the next free slot, at least the interval after the previous one, and
 * waits for it. Threads that arrive together are spread out, not let through at once.
 */
final class RateLimiter {

    /** Waits; replaceable so tests can check the spacing without waiting. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private boolean used;
    private long lastSlot;

    RateLimiter(Duration interval) {
        this(interval, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    RateLimiter(Duration interval, LongSupplier nanoClock, Sleeper sleeper) {
        this.intervalNanos = Math.max(0, interval.toNanos());
        this.clock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Blocks until this caller may send its request; returns how long it waited, in nanoseconds. */
    long acquire() {
        long slot;
        synchronized (this) {
            long now = clock.getAsLong();
            slot = used && lastSlot + intervalNanos - now > 0 ? lastSlot + intervalNanos : now;
            lastSlot = slot;
            used = true;
        }
        long wait = slot - clock.getAsLong();
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("interrupted while waiting for the rate limit");
            }
        }
        return Math.max(0, wait);
    }
}
