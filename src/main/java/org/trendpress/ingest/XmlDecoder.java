package org.trendpress.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an XML response into text, choosing the charset the way feed readers do: a
 * byte-order mark wins, then the HTTP charset, then the XML declaration, then UTF-8. A label
 * that does not fit the bytes falls back to the next candidate (and finally windows-1252, which
 * accepts any byte), recording a warning. ISO-8859-1 and US-ASCII labels are read as
 * windows-1252 so the "smart quotes" many publishers send under those labels survive.
 */
final class XmlDecoder {

    /** Text of the document (no byte-order mark), the charset used and what had to be guessed. */
    record Decoded(String text, Charset charset, List<String> warnings) {}

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Pattern HTTP_CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?([^\"';\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_DECL_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);

    private XmlDecoder() {}

    static Decoded decode(byte[] body, String contentType) {
        List<String> warnings = new ArrayList<>();
        int bomLength = 0;
        Charset bom = null;
        if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
            bom = UTF_32BE;
            bomLength = 4;
        } else if (startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
            bom = UTF_32LE;
            bomLength = 4;
        } else if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            bom = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (startsWith(body, 0xFE, 0xFF)) {
            bom = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else if (startsWith(body, 0xFF, 0xFE)) {
            bom = StandardCharsets.UTF_16LE;
            bomLength = 2;
        }
        // no mark, but "<?" (or "<") spelt in a wide encoding
        Charset wide = null;
        if (bom == null) {
            if (startsWith(body, 0x00, 0x00, 0x00, 0x3C)) {
                wide = UTF_32BE;
            } else if (startsWith(body, 0x3C, 0x00, 0x00, 0x00)) {
                wide = UTF_32LE;
            } else if (startsWith(body, 0x00, 0x3C, 0x00, 0x3F) || startsWith(body, 0x00, 0x3C)) {
                wide = StandardCharsets.UTF_16BE;
            } else if (startsWith(body, 0x3C, 0x00, 0x3F, 0x00) || startsWith(body, 0x3C, 0x00)) {
                wide = StandardCharsets.UTF_16LE;
            }
        }

        List<Charset> candidates = new ArrayList<>();
        if (bom != null) {
            candidates.add(bom);
        } else if (wide != null) {
            candidates.add(wide);
        }
        String httpLabel = httpCharset(contentType);
        Charset http = charsetFor(httpLabel, warnings, "HTTP charset");
        String declLabel = declaredEncoding(body, bomLength, bom != null ? bom : wide);
        Charset declared = charsetFor(declLabel, warnings, "XML declaration encoding");
        if (http != null && bom == null && wide == null) {
            candidates.add(http);
        }
        if (declared != null && bom == null && wide == null && !isWide(declared)) {
            candidates.add(declared);
        }
        candidates.add(StandardCharsets.UTF_8);
        candidates.add(CP1252);

        Charset first = candidates.get(0);
        for (Charset cs : candidates) {
            if (isWide(cs) && bom == null && wide == null) {
                continue; // a wide label on narrow bytes is a lie; the bytes say otherwise
            }
            String text = tryDecode(body, bomLength, cs);
            if (text != null) {
                if (!cs.equals(first) && !(cs.equals(CP1252) && sameFamily(first))) {
                    warnings.add("bytes are not valid " + first.name() + "; decoded as " + cs.name());
                }
                if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                return new Decoded(text, cs, warnings);
            }
        }
        // windows-1252 maps every byte except five: fall back to a replacing UTF-8 decode
        warnings.add("bytes fit no charset; undecodable bytes replaced");
        return new Decoded(new String(body, bomLength, body.length - bomLength, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, warnings);
    }

    private static boolean sameFamily(Charset first) {
        String n = first.name();
        return n.equals("ISO-8859-1") || n.equals("US-ASCII") || n.equals("windows-1252");
    }

    private static boolean isWide(Charset cs) {
        String n = cs.name().toUpperCase(Locale.ROOT);
        return n.startsWith("UTF-16") || n.startsWith("UTF-32");
    }

    private static String tryDecode(byte[] body, int offset, Charset cs) {
        Charset effective = cs;
        String n = cs.name();
        if (n.equals("ISO-8859-1") || n.equals("US-ASCII")) {
            effective = CP1252; // what browsers do with these labels: keeps cp1252 smart quotes
        }
        // The JDK's String decoding is the fast way (ASCII copied straight into a Latin-1 string, no
        // char buffer); it replaces bad input with U+FFFD instead of reporting it, so a result with
        // U+FFFD in it (bad input, or a literal U+FFFD) is decoded again strictly below. On valid
        // input both give the same characters.
        String fast = new String(body, offset, body.length - offset, effective);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        CharsetDecoder decoder = effective.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer out = decoder.decode(ByteBuffer.wrap(body, offset, body.length - offset));
            return out.toString();
        } catch (CharacterCodingException e) {
            if (effective.equals(CP1252)) {
                // the five holes of cp1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as Latin-1 controls
                return latin1WithCp1252(body, offset);
            }
            return null;
        }
    }

    private static String latin1WithCp1252(byte[] body, int offset) {
        StringBuilder sb = new StringBuilder(body.length - offset);
        byte[] one = new byte[1];
        for (int i = offset; i < body.length; i++) {
            int b = body[i] & 0xFF;
            if (b >= 0x80 && b <= 0x9F) {
                one[0] = body[i];
                String s = new String(one, CP1252);
                sb.append(s.charAt(0) == '\uFFFD' ? (char) b : s.charAt(0));
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    static String httpCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = HTTP_CHARSET.matcher(contentType);
        return m.find() ? m.group(1).trim() : null;
    }

    private static String declaredEncoding(byte[] body, int offset, Charset wide) {
        int n = Math.min(body.length - offset, 1024);
        if (n <= 0) {
            return null;
        }
        String head;
        if (wide != null) {
            head = new String(body, offset, n, wide);
        } else {
            head = new String(body, offset, n, StandardCharsets.ISO_8859_1);
        }
        Matcher m = XML_DECL_ENCODING.matcher(head);
        return m.find() ? m.group(1).trim() : null;
    }

    private static Charset charsetFor(String label, List<String> warnings, String what) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (l.equals("utf-16") || l.equals("utf-32") || l.equals("ucs-2") || l.equals("ucs-4")) {
            return l.contains("32") || l.contains("4") ? UTF_32BE : StandardCharsets.UTF_16BE;
        }
        if (l.equals("utf8")) {
            return StandardCharsets.UTF_8;
        }
        if (l.equals("latin1") || l.equals("latin-1")) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(l);
        } catch (RuntimeException e) {
            warnings.add(what + " '" + oneWord(label) + "' is not a known charset; ignored");
            return null;
        }
    }

    private static String oneWord(String s) {
        String t = s.replaceAll("[^\\w.:+-]", "?");
        return t.length() > 40 ? t.substring(0, 40) : t;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
