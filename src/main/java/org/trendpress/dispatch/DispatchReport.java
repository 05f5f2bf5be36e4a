package org.trendpress.dispatch;

/**
 * What one dispatch run did.
 *
 * @param accepted deliveries the relay accepted in this run
 * @param failed   deliveries that failed in this run (retried by a later run up to the attempt limit)
 * @param skipped  deliveries left alone: already accepted, out of attempts, in flight elsewhere,
 *                 or cancelled because the subscriber is no longer confirmed
 */
public record DispatchReport(int accepted, int failed, int skipped) {}
