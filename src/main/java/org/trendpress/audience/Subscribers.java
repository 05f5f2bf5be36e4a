package org.trendpress.audience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribers and their double opt-in: subscribe (pending), confirm by signed token (confirmed),
 * unsubscribe by signed token. Addresses are compared case-insensitively; the domain is stored
 * lower-case, the local part as first given.
 */
public final class Subscribers {

    public static final String CONFIRM = "confirm";
    public static final String UNSUBSCRIBE = "unsubscribe";

    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);
    private static final String COLUMNS = "id, email, state, created_at";

    private final Jdbi jdbi;
    private final Tokens tokens;
    private final Clock clock;

    public Subscribers(Jdbi jdbi, Tokens tokens, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a subscription request. New addresses start pending; a pending or confirmed address
     * is returned unchanged; an unsubscribed, bounced or complained address goes back to pending
     * (it only receives issues again once the mailbox owner confirms).
     *
     * @throws InvalidEmailException when the address is not a single plain addr-spec
     */
    public Subscriber subscribe(String email) {
        String address = EmailAddresses.normalise(email);
        return withRetryOnRace(() -> jdbi.inTransaction(h -> {
            Optional<Subscriber> existing = find(h, address);
            if (existing.isEmpty()) {
                Subscriber s = insert(h, address, SubscriberState.PENDING);
                LOG.info("audience.subscriber.subscribed subscriber={}", s.id());
                return s;
            }
            Subscriber s = existing.get();
            if (s.state() == SubscriberState.PENDING || s.state() == SubscriberState.CONFIRMED) {
                return s;
            }
            h.createUpdate("UPDATE subscribers SET state = :state, confirmed_at = NULL, unsubscribed_at = NULL"
                            + " WHERE id = :id")
                    .bind("state", SubscriberState.PENDING.dbValue())
                    .bind("id", s.id())
                    .execute();
            LOG.info("audience.subscriber.resubscribed subscriber={} previous={}", s.id(), s.state().dbValue());
            return new Subscriber(s.id(), s.email(), SubscriberState.PENDING, s.createdAt());
        }));
    }

    /**
     * Confirms the subscriber a confirm token was signed for. Only a pending or already confirmed
     * subscriber can be confirmed: an old confirmation link never overrides a later unsubscribe.
     */
    public Optional<Subscriber> confirm(String token) {
        OptionalLong id = tokens.verify(CONFIRM, token);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.inTransaction(h -> {
            Optional<Subscriber> found = byId(h, id.getAsLong());
            if (found.isEmpty()) {
                return Optional.<Subscriber>empty();
            }
            Subscriber s = found.get();
            switch (s.state()) {
                case CONFIRMED:
                    return Optional.of(s);
                case PENDING:
                    h.createUpdate("UPDATE subscribers SET state = :state, confirmed_at = :now WHERE id = :id")
                            .bind("state", SubscriberState.CONFIRMED.dbValue())
                            .bind("now", utc(clock.instant()))
                            .bind("id", s.id())
                            .execute();
                    LOG.info("audience.subscriber.confirmed subscriber={}", s.id());
                    return Optional.of(new Subscriber(s.id(), s.email(), SubscriberState.CONFIRMED, s.createdAt()));
                default:
                    LOG.info("audience.subscriber.confirm.refused subscriber={} state={}", s.id(), s.state().dbValue());
                    return Optional.<Subscriber>empty();
            }
        });
    }

    /**
     * Unsubscribes the subscriber an unsubscribe token was signed for. Idempotent: true for a valid
     * token of a known subscriber whatever its state (bounced and complained stay so); false for an
     * invalid token or an unknown subscriber.
     */
    public boolean unsubscribe(String token) {
        OptionalLong id = tokens.verify(UNSUBSCRIBE, token);
        if (id.isEmpty()) {
            return false;
        }
        return jdbi.inTransaction(h -> {
            Optional<Subscriber> found = byId(h, id.getAsLong());
            if (found.isEmpty()) {
                return false;
            }
            int changed = h.createUpdate("UPDATE subscribers SET state = :state, unsubscribed_at = :now"
                            + " WHERE id = :id AND state IN ('pending', 'confirmed')")
                    .bind("state", SubscriberState.UNSUBSCRIBED.dbValue())
                    .bind("now", utc(clock.instant()))
                    .bind("id", id.getAsLong())
                    .execute();
            if (changed > 0) {
                LOG.info("audience.subscriber.unsubscribed subscriber={}", id.getAsLong());
            }
            return true;
        });
    }

    /**
     * Adds an address as confirmed without the opt-in mail (operator import, demo). An existing
     * pending address is confirmed; an unsubscribed, bounced or complained one keeps its state:
     * an import never overrides an opt-out.
     *
     * @throws InvalidEmailException when the address is not a single plain addr-spec
     */
    public Subscriber addConfirmed(String email) {
        String address = EmailAddresses.normalise(email);
        return withRetryOnRace(() -> jdbi.inTransaction(h -> {
            Optional<Subscriber> existing = find(h, address);
            if (existing.isEmpty()) {
                Subscriber s = insert(h, address, SubscriberState.CONFIRMED);
                LOG.info("audience.subscriber.imported subscriber={}", s.id());
                return s;
            }
            Subscriber s = existing.get();
            if (s.state() != SubscriberState.PENDING) {
                return s;
            }
            h.createUpdate("UPDATE subscribers SET state = :state, confirmed_at = :now WHERE id = :id")
                    .bind("state", SubscriberState.CONFIRMED.dbValue())
                    .bind("now", utc(clock.instant()))
                    .bind("id", s.id())
                    .execute();
            return new Subscriber(s.id(), s.email(), SubscriberState.CONFIRMED, s.createdAt());
        }));
    }

    /** Every confirmed subscriber, oldest first. */
    public List<Subscriber> confirmed() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM subscribers WHERE state = :state ORDER BY id")
                .bind("state", SubscriberState.CONFIRMED.dbValue())
                .map(Subscribers::map)
                .list());
    }

    public Optional<Subscriber> byEmail(String email) {
        String address;
        try {
            address = EmailAddresses.normalise(email);
        } catch (InvalidEmailException e) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> find(h, address));
    }

    public Optional<Subscriber> byId(long id) {
        return jdbi.withHandle(h -> byId(h, id));
    }

    public String confirmToken(Subscriber subscriber) {
        return tokens.sign(CONFIRM, subscriber.id());
    }

    public String unsubscribeToken(Subscriber subscriber) {
        return tokens.sign(UNSUBSCRIBE, subscriber.id());
    }

    private Subscriber insert(Handle h, String address, SubscriberState state) {
        Instant now = clock.instant();
        long id = h.createUpdate("INSERT INTO subscribers (email, state, created_at, confirmed_at)"
                        + " VALUES (:email, :state, :now, :confirmedAt)")
                .bind("email", address)
                .bind("state", state.dbValue())
                .bind("now", utc(now))
                .bind("confirmedAt", state == SubscriberState.CONFIRMED ? utc(now) : utc(null))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new Subscriber(id, address, state, now);
    }

    private static Optional<Subscriber> find(Handle h, String address) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscribers WHERE LOWER(email) = :email ORDER BY id")
                .bind("email", address.toLowerCase(Locale.ROOT))
                .map(Subscribers::map)
                .findFirst();
    }

    private static Optional<Subscriber> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscribers WHERE id = :id")
                .bind("id", id)
                .map(Subscribers::map)
                .findOne();
    }

    private static Subscriber map(ResultSet rs, StatementContext ctx) throws SQLException {
        OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
        return new Subscriber(rs.getLong("id"), rs.getString("email"),
                SubscriberState.fromDb(rs.getString("state")), created == null ? null : created.toInstant());
    }

    /** Binds an instant to a TIMESTAMP WITH TIME ZONE column as UTC, the same on H2 and PostgreSQL. */
    static Argument utc(Instant instant) {
        return (position, statement, ctx) -> {
            if (instant == null) {
                statement.setNull(position, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
            }
        };
    }

    /** Two concurrent requests for one new address: the loser of the unique index reads the winner's row. */
    private static Subscriber withRetryOnRace(java.util.function.Supplier<Subscriber> work) {
        try {
            return work.get();
        } catch (UnableToExecuteStatementException e) {
            return work.get();
        }
    }
}
