package org.trendpress.audience;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/** Validates and normalises the one address form we accept: a single plain ASCII addr-spec. */
final class EmailAddresses {

    static final int MAX_LENGTH = 254; // RFC 5321 path limit minus the angle brackets

    private EmailAddresses() {}

    /**
     * Returns {@code local@domain} with the domain lower-cased (the local part keeps its case), or
     * throws {@link InvalidEmailException}. Leading and trailing spaces are forgiven; control
     * characters (CR, LF, tab...), display names, comments, groups, lists, quoted local parts,
     * domain literals and non-ASCII addresses are not.
     */
    static String normalise(String input) {
        if (input == null) {
            throw new InvalidEmailException("email address is missing");
        }
        String s = trimSpaces(input);
        if (s.isEmpty()) {
            throw new InvalidEmailException("email address is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidEmailException(
                        "email address must be plain ASCII without spaces or control characters");
            }
        }
        if (s.length() > MAX_LENGTH) {
            throw new InvalidEmailException("email address is longer than " + MAX_LENGTH + " characters");
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(s, true);
            parsed.validate();
        } catch (AddressException e) {
            throw new InvalidEmailException("not a valid email address: " + e.getMessage());
        }
        if (parsed.isGroup() || parsed.getPersonal() != null || !s.equals(parsed.getAddress())) {
            throw new InvalidEmailException("expected a single plain address like name@example.org");
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || s.indexOf('@') != at || at == s.length() - 1) {
            throw new InvalidEmailException("expected a single plain address like name@example.org");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (local.length() > 64 || local.startsWith("\"")) {
            throw new InvalidEmailException("email address local part is too long or quoted");
        }
        if (!domain.matches("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")) {
            throw new InvalidEmailException("email address domain must be a host name like example.org");
        }
        return local + "@" + domain.toLowerCase(Locale.ROOT);
    }

    /** Trims plain spaces only: a trailing CR or LF is an error, not something to forgive. */
    private static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }
}
