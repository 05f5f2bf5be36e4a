package org.trendpress.audience;

import java.time.Instant;

/** An address with its state. */
public record Subscriber(long id, String email, SubscriberState state, Instant createdAt) {}
