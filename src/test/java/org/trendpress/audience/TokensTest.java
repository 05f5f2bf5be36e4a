package org.trendpress.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokensTest {

    private final Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void roundTrip() {
        String token = tokens.sign("unsubscribe", 42);
        assertThat(token).matches("[A-Za-z0-9._-]+");
        assertThat(tokens.verify("unsubscribe", token)).hasValue(42);
    }

    @Test
    void tamperedTokenIsRejected() {
        String token = tokens.sign("confirm", 42);
        String otherId = "43" + token.substring(token.indexOf('.'));
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThat(tokens.verify("confirm", otherId)).isEmpty();
        assertThat(tokens.verify("confirm", flipped)).isEmpty();
    }

    @Test
    void wrongPurposeIsRejected() {
        assertThat(tokens.verify("unsubscribe", tokens.sign("confirm", 7))).isEmpty();
    }

    @Test
    void otherSecretIsRejected() {
        Tokens other = new Tokens("another-secret-of-enough-length!".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify("confirm", other.sign("confirm", 7))).isEmpty();
    }

    @Test
    void garbageIsRejectedWithoutExceptions() {
        for (String garbage : new String[] {null, "", ".", "abc", "1.", ".abc", "1.!!!!", "-1.xyz",
                "99999999999999999999999.aaaa", "1." + "A".repeat(43) + "\r\n", "x".repeat(10_000),
                "1." + "A".repeat(42) + "=", "0." + "A".repeat(43)}) {
            assertThat(tokens.verify("confirm", garbage)).as(String.valueOf(garbage)).isEmpty();
        }
    }

    @Test
    void shortSecretIsRefused() {
        assertThatThrownBy(() -> new Tokens(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
