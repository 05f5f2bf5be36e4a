package org.trendpress.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the dates feeds write when ROME cannot: ISO 8601 with any fraction of a second or no
 * zone (read as UTC), a bare date, RFC 822 with or without the weekday, with single-digit days,
 * two-digit years or zone names, and the "2026-01-15 10:00:00" form scrapers write.
 */
final class FeedDates {

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"), Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"),
            Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"),
            Map.entry("CDT", "-0500"), Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"),
            Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"), Map.entry("CET", "+0100"),
            Map.entry("CEST", "+0200"), Map.entry("BST", "+0100"), Map.entry("JST", "+0900"),
            Map.entry("IST", "+0530"), Map.entry("AEST", "+1000"));
    private static final Pattern RFC822 = Pattern.compile(
            "^(?:[A-Za-z]{2,9},?\\s+)?(\\d{1,2})[\\s-]+([A-Za-z]{3,9})\\.?[\\s-]+(\\d{2,4})"
                    + "(?:[\\sT]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?)?\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?\\s*$");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final DateTimeFormatter ISO_SPACE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendPattern("[XXX][XX][X]").optionalEnd()
            .toFormatter(Locale.ROOT);

    private FeedDates() {}

    /** The instant a feed date names, or null when it is not a date we can read. */
    static Instant parse(String raw) {
        if (raw == null) {
            return null;
        }
        String s = WHITESPACE.matcher(raw.trim()).replaceAll(" ");
        if (s.isEmpty() || s.length() > 80) {
            return null;
        }
        if (!isoShaped(s)) {
            // not "yyyy-" (nor a signed ISO year): none of the ISO forms below can read it, and each
            // failed attempt costs an exception
            return rfc822(s);
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            var parsed = ISO_SPACE.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime z) {
                return z.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            // next
        }
        return rfc822(s);
    }

    /** Starts as the ISO forms do: four digits and a hyphen, or a sign (an expanded year). */
    private static boolean isoShaped(String s) {
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            return true;
        }
        if (s.length() < 5) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return s.charAt(4) == '-';
    }

    private static Instant rfc822(String s) {
        Matcher m = RFC822.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            int day = Integer.parseInt(m.group(1));
            int month = MONTHS.indexOf(m.group(2).substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
            if (month == 0) {
                return null;
            }
            int year = Integer.parseInt(m.group(3));
            if (m.group(3).length() == 2) {
                year += year < 70 ? 2000 : 1900;
            }
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            ZoneOffset offset = ZoneOffset.UTC;
            String zone = m.group(7);
            if (zone != null) {
                String z = zone.toUpperCase(Locale.ROOT);
                String numeric = z.startsWith("+") || z.startsWith("-") ? z : ZONES.get(z);
                if (numeric != null) {
                    offset = ZoneOffset.of(numeric.length() == 5 ? numeric.substring(0, 3) + ":" + numeric.substring(3)
                            : numeric);
                }
            }
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
