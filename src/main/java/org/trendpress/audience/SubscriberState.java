package org.trendpress.audience;

import java.util.Locale;

/** A Subscriber's state; stored lower-case in {@code subscribers.state}. */
public enum SubscriberState {
    PENDING, CONFIRMED, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    /** The value stored in the database. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriberState fromDb(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
