package org.trendpress.audience;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, URL-safe tokens that bind a purpose ("confirm", "unsubscribe") to a subscriber id:
 * {@code <id>.<base64url(HMAC-SHA256(secret, purpose + "\n" + id))>}. The purpose is not written
 * into the token, so a token signed for one purpose never verifies for another. Tokens do not
 * expire: an unsubscribe link in an old issue must keep working.
 */
public final class Tokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 80;
    private static final Pattern SHAPE = Pattern.compile("([1-9][0-9]{0,17})\\.([A-Za-z0-9_-]{43})");
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final SecretKeySpec key;

    public Tokens(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("token secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public String sign(String purpose, long subscriberId) {
        checkPurpose(purpose);
        if (subscriberId <= 0) {
            throw new IllegalArgumentException("subscriber id must be positive: " + subscriberId);
        }
        byte[] mac = mac(purpose, subscriberId);
        return subscriberId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** The subscriber id the token was signed for with this purpose, or empty for any other token. */
    public OptionalLong verify(String purpose, String token) {
        checkPurpose(purpose);
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return OptionalLong.empty();
        }
        var m = SHAPE.matcher(token);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(m.group(1)); // at most 18 digits: cannot overflow
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        return MessageDigest.isEqual(given, mac(purpose, id)) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private byte[] mac(String purpose, long id) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe: one per call
            mac.init(key);
            return mac.doFinal((purpose + "\n" + id).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static void checkPurpose(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("bad token purpose: " + purpose);
        }
    }
}
