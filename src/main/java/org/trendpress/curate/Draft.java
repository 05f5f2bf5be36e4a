package org.trendpress.curate;

import java.time.Instant;

/**
 * The month's issue while editors work on it.
 *
 * @param state open, approved or published
 */
public record Draft(long id, String month, Instant windowStart, Instant windowEnd, String state, String summary,
        String intro, Instant publishAt, String approvedBy) {

    public boolean isOpen() {
        return "open".equals(state);
    }
}
