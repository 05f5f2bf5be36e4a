package org.trendpress.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trendpress.store.Database;

class SubscribersTest {

    private Subscribers subscribers;

    @BeforeEach
    void setUp() {
        Database db = Database.open("jdbc:h2:mem:subs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=MONTH", "sa", "");
        Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        subscribers = new Subscribers(db.jdbi(), tokens,
                Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void subscribeConfirmUnsubscribe() {
        Subscriber s = subscribers.subscribe("  Ada@Example.ORG ");
        assertThat(s.state()).isEqualTo(SubscriberState.PENDING);
        assertThat(s.email()).isEqualTo("Ada@example.org");
        assertThat(s.createdAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(subscribers.confirmed()).isEmpty();

        assertThat(subscribers.confirm(subscribers.unsubscribeToken(s))).as("wrong purpose").isEmpty();
        assertThat(subscribers.confirm(subscribers.confirmToken(s)))
                .hasValueSatisfying(c -> assertThat(c.state()).isEqualTo(SubscriberState.CONFIRMED));
        assertThat(subscribers.confirm(subscribers.confirmToken(s))).as("idempotent").isPresent();
        assertThat(subscribers.confirmed()).extracting(Subscriber::id).containsExactly(s.id());

        assertThat(subscribers.unsubscribe(subscribers.confirmToken(s))).as("wrong purpose").isFalse();
        assertThat(subscribers.unsubscribe(subscribers.unsubscribeToken(s))).isTrue();
        assertThat(subscribers.unsubscribe(subscribers.unsubscribeToken(s))).as("idempotent").isTrue();
        assertThat(subscribers.byEmail("ada@example.org"))
                .hasValueSatisfying(u -> assertThat(u.state()).isEqualTo(SubscriberState.UNSUBSCRIBED));
        assertThat(subscribers.confirmed()).isEmpty();

        assertThat(subscribers.confirm(subscribers.confirmToken(s))).as("old confirm link after unsubscribe").isEmpty();
    }

    @Test
    void subscribeIsIdempotentAndResubscribeGoesBackToPending() {
        Subscriber first = subscribers.subscribe("bob@example.org");
        assertThat(subscribers.subscribe("BOB@EXAMPLE.ORG").id()).isEqualTo(first.id());
        subscribers.confirm(subscribers.confirmToken(first));
        assertThat(subscribers.subscribe("bob@example.org").state()).isEqualTo(SubscriberState.CONFIRMED);
        subscribers.unsubscribe(subscribers.unsubscribeToken(first));
        Subscriber again = subscribers.subscribe("bob@example.org");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.state()).isEqualTo(SubscriberState.PENDING);
    }

    @Test
    void addConfirmedNeverOverridesAnOptOut() {
        Subscriber s = subscribers.addConfirmed("carol@example.org");
        assertThat(s.state()).isEqualTo(SubscriberState.CONFIRMED);
        subscribers.unsubscribe(subscribers.unsubscribeToken(s));
        assertThat(subscribers.addConfirmed("carol@example.org").state()).isEqualTo(SubscriberState.UNSUBSCRIBED);
        Subscriber p = subscribers.subscribe("dan@example.org");
        assertThat(subscribers.addConfirmed("dan@example.org").state()).isEqualTo(SubscriberState.CONFIRMED);
        assertThat(subscribers.confirmed()).extracting(Subscriber::id).containsExactly(p.id());
    }

    @Test
    void unknownOrForgedTokensDoNothing() {
        Tokens forger = new Tokens("another-secret-of-enough-length!".getBytes(StandardCharsets.UTF_8));
        Subscriber s = subscribers.subscribe("eve@example.org");
        assertThat(subscribers.confirm(forger.sign("confirm", s.id()))).isEmpty();
        assertThat(subscribers.unsubscribe("garbage")).isFalse();
        assertThat(subscribers.unsubscribe(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.c\r\nBcc: x@y.z", "not-an-email", "a@example.org, b@example.org",
            "a@example.org b@example.org", "Ada <ada@example.org>", "ada@example.org (comment)", "",
            "group: a@example.org;", "\"quoted\"@example.org", "ada@[127.0.0.1]", "ada@localhost",
            "adä@example.org", "ada@example.org\n", "@example.org", "ada@", "ada@@example.org",
            "ada@exa mple.org", "ada@-example.org"})
    void invalidAddressesAreRejected(String email) {
        assertThatThrownBy(() -> subscribers.subscribe(email)).isInstanceOf(InvalidEmailException.class)
                .hasMessageContaining("address");
        assertThat(subscribers.confirmed()).isEmpty();
    }

    @Test
    void nullAddressIsRejected() {
        assertThatThrownBy(() -> subscribers.subscribe(null)).isInstanceOf(InvalidEmailException.class);
    }
}
