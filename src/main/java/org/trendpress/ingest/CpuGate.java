package org.trendpress.ingest;

/**
 * Shares a machine's cores between the CPU-bound parts of a poll cycle: parsing and preparing
 * feeds, which run in parallel, and the store lane, which cannot. While the lane has work (a
 * thread storing or waiting to store), parses are held to {@code cores - 1} at a time, so the lane
 * always has a core of its own; when the lane is idle, parses may use every core. Without this, on
 * a machine with few cores the parse threads crowded the lane out: it held its lock but sat off the
 * CPU half of the time, and the whole cycle waited for it.
 *
 * <p>Fetching (mostly waiting on the network) is not gated, so a slow source never holds up the
 * others. No thread holds a parse slot while it waits for the lane, so the two never wait for each
 * other in a circle.
 */
final class CpuGate {

    private final int cores;
    private int parsing;
    private int laneDemand;

    CpuGate(int cores) {
        this.cores = Math.max(1, cores);
    }

    /** Parse slots allowed now: every core, less one while the lane has work (never below one). */
    private int parseLimit() {
        return laneDemand > 0 ? Math.max(1, cores - 1) : cores;
    }

    /** Waits for a parse slot. */
    synchronized void enterParse() {
        boolean interrupted = false;
        while (parsing >= parseLimit()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        parsing++;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void exitParse() {
        parsing--;
        notifyAll();
    }

    /** A thread is about to store (or wait for the lane): parses yield a core from now on. */
    synchronized void laneWanted() {
        laneDemand++;
    }

    synchronized void laneDone() {
        laneDemand--;
        notifyAll();
    }

    /** For tests: parse slots in use. */
    synchronized int parsing() {
        return parsing;
    }
}
