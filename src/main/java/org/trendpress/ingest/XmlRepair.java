package org.trendpress.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * Repairs the faults real feeds have when a strict parse fails, naming each repair it made:
 * junk before the root element, characters XML forbids, HTML entities XML does not define,
 * unescaped ampersands, cp1252 code points written as numeric references, and namespace
 * prefixes used without a declaration. {@link #rebuildWithJsoup} is the last resort.
 */
final class XmlRepair {

    /** The repaired text and one line per kind of repair (empty when nothing changed). */
    record Result(String text, List<String> repairs) {
        boolean changed() {
            return !repairs.isEmpty();
        }
    }

    private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");
    private static final Pattern DECLARED_ENTITY = Pattern.compile("<!ENTITY\\s+([\\w.:-]+)\\s");
    private static final Pattern PREFIX_USE = Pattern.compile("</?([A-Za-z_][\\w.-]*):[A-Za-z_][\\w.-]*");
    private static final Pattern ATTR_PREFIX_USE =
            Pattern.compile("\\s([A-Za-z_][\\w.-]*):[A-Za-z_][\\w.-]*\\s*=\\s*[\"']");
    private static final Pattern PREFIX_DECL = Pattern.compile("xmlns:([A-Za-z_][\\w.-]*)\\s*=");
    private static final Pattern ROOT_START = Pattern.compile("<([A-Za-z_][\\w.:-]*)");

    private XmlRepair() {}

    static Result repair(String text) {
        List<String> repairs = new ArrayList<>();
        String t = stripJunkBeforeRoot(text, repairs);
        t = dropForbiddenCharacters(t, repairs);
        t = fixReferences(t, repairs);
        t = declareMissingPrefixes(t, repairs);
        return new Result(t, repairs);
    }

    private static final Pattern C1_REFERENCE = Pattern.compile("&#(?:(1[2-5]\\d)|[xX]([89][0-9a-fA-F]));");

    /**
     * Code points 0x80-0x9F are C1 controls nobody means: publishers wrote cp1252 (smart quotes,
     * dashes) and a label or a numeric reference lost it. Read them as windows-1252, always.
     */
    /**
     * Whether the text holds a C1 character reference ({@link #C1_REFERENCE}): each "&#" is found
     * with the JDK's vectorised search and the pattern tried there only (a find() over a whole
     * feed tried it at every position).
     */
    static boolean hasC1Reference(String text) {
        Matcher m = null;
        for (int at = text.indexOf("&#"); at >= 0; at = text.indexOf("&#", at + 2)) {
            if (m == null) {
                m = C1_REFERENCE.matcher(text);
            }
            m.region(at, text.length());
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    static Result demoronize(String text) {
        boolean raw = hasC1(text);
        boolean refs = hasC1Reference(text);
        if (!raw && !refs) {
            return new Result(text, List.of());
        }
        String t = text;
        boolean changed = raw;
        boolean mapped = false;
        if (refs) {
            Matcher m = C1_REFERENCE.matcher(t);
            StringBuilder sb = new StringBuilder(t.length());
            while (m.find()) {
                int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                if (cp < 0x80 || cp > 0x9F) {
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                } else {
                    m.appendReplacement(sb, "&#" + cp1252(cp) + ";");
                    changed = true;
                    mapped = true;
                }
            }
            m.appendTail(sb);
            t = sb.toString();
        }
        List<String> repairs = new ArrayList<>();
        if (raw) {
            String undone = undoDoubleEncoding(t);
            if (!undone.equals(t)) {
                repairs.add("double-encoded UTF-8 repaired");
                t = undone;
            }
        }
        if (raw && hasC1(t)) {
            mapped = true;
            StringBuilder sb = new StringBuilder(t.length());
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                sb.append(c >= 0x80 && c <= 0x9F ? (char) cp1252(c) : c);
            }
            t = sb.toString();
        }
        if (mapped) {
            repairs.add("C1 control characters read as windows-1252");
        }
        return changed ? new Result(t, repairs) : new Result(text, List.of());
    }

    /**
     * Whether a C1 control character (U+0080-U+009F) occurs: every feed body is scanned, so the
     * characters are copied out a block at a time and read from an array, not with charAt.
     */
    static boolean hasC1(String t) {
        char[] block = new char[Math.min(t.length(), 4096)];
        for (int from = 0; from < t.length(); from += block.length) {
            int n = Math.min(block.length, t.length() - from);
            t.getChars(from, from + n, block, 0);
            for (int i = 0; i < n; i++) {
                if ((char) (block[i] - 0x80) < 0x20) {
                    return true;
                }
            }
        }
        return false;
    }

    /** UTF-8 bytes once misread as Latin-1 ("Ï\u0080" for π): runs of U+0080-U+00FF that form UTF-8. */
    private static String undoDoubleEncoding(String t) {
        StringBuilder sb = new StringBuilder(t.length());
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c < 0xC2 || c > 0xF4) {
                sb.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            while (j < t.length() && t.charAt(j) >= 0x80 && t.charAt(j) <= 0xBF) {
                j++;
            }
            String run = t.substring(i, j);
            String fixed = null;
            if (j > i + 1) {
                try {
                    fixed = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(run.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                            .toString();
                } catch (java.nio.charset.CharacterCodingException e) {
                    fixed = null;
                }
            }
            sb.append(fixed != null ? fixed : run);
            i = j;
        }
        return sb.toString();
    }

    /** Re-serialises whatever jsoup's forgiving XML parser makes of the text, or null. */
    static String rebuildWithJsoup(String text) {
        try {
            Document doc = Jsoup.parse(text, "", Parser.xmlParser());
            doc.outputSettings()
                    .syntax(Document.OutputSettings.Syntax.xml)
                    .escapeMode(Entities.EscapeMode.xhtml)
                    .charset("UTF-8")
                    .prettyPrint(false);
            if (doc.children().isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            for (org.jsoup.nodes.Element e : doc.children()) {
                if (sb.length() == 0) {
                    sb.append(e.outerHtml());
                }
            }
            return sb.toString();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static String stripJunkBeforeRoot(String text, List<String> repairs) {
        int decl = text.indexOf("<?xml");
        if (decl > 0) {
            if (!text.substring(0, decl).isBlank()) {
                repairs.add("junk before the XML declaration removed");
            }
            return text.substring(decl);
        }
        if (decl == 0) {
            return text;
        }
        int lt = 0;
        while (true) {
            lt = text.indexOf('<', lt);
            if (lt < 0 || lt + 1 >= text.length()) {
                return text;
            }
            char c = text.charAt(lt + 1);
            if (Character.isLetter(c) || c == '!' || c == '?' || c == '_') {
                break;
            }
            lt++;
        }
        if (lt > 0 && !text.substring(0, lt).isBlank()) {
            repairs.add("junk before the root element removed");
            return text.substring(lt);
        }
        return text;
    }

    private static String dropForbiddenCharacters(String text, List<String> repairs) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok) {
                    if (sb != null) {
                        sb.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && sb == null) {
                sb = new StringBuilder(text.length());
                sb.append(text, 0, i);
            }
            if (ok && sb != null) {
                sb.append(c);
            }
        }
        if (sb == null) {
            return text;
        }
        repairs.add("characters not allowed in XML removed");
        return sb.toString();
    }

    /** Escapes stray '&', turns HTML entities into numeric references, outside CDATA and comments. */
    private static String fixReferences(String text, List<String> repairs) {
        Set<String> declared = new HashSet<>();
        Matcher dm = DECLARED_ENTITY.matcher(text.length() > 200_000 ? text.substring(0, 200_000) : text);
        while (dm.find()) {
            declared.add(dm.group(1));
        }
        StringBuilder sb = new StringBuilder(text.length() + 64);
        boolean bare = false;
        boolean html = false;
        boolean unknown = false;
        boolean numeric = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '<' && text.startsWith("<![CDATA[", i)) {
                int end = text.indexOf("]]>", i + 9);
                end = end < 0 ? n : end + 3;
                sb.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '<' && text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                end = end < 0 ? n : end + 3;
                sb.append(text, i, end);
                i = end;
                continue;
            }
            if (c != '&') {
                sb.append(c);
                i++;
                continue;
            }
            int semi = -1;
            for (int j = i + 1; j < n && j < i + 40; j++) {
                char d = text.charAt(j);
                if (d == ';') {
                    semi = j;
                    break;
                }
                if (!(Character.isLetterOrDigit(d) || d == '#' || d == '_' || d == '-' || d == '.' || d == ':')) {
                    break;
                }
            }
            if (semi < 0 || semi == i + 1) {
                sb.append("&amp;");
                bare = true;
                i++;
                continue;
            }
            String name = text.substring(i + 1, semi);
            if (name.startsWith("#")) {
                int cp = codePoint(name);
                if (cp < 0) {
                    sb.append("&amp;");
                    bare = true;
                    i++;
                    continue;
                }
                if (cp >= 0x80 && cp <= 0x9F) {
                    cp = cp1252(cp);
                    numeric = true;
                }
                if (!allowedInXml(cp)) {
                    numeric = true;
                    i = semi + 1;
                    continue;
                }
                sb.append("&#").append(cp).append(';');
                i = semi + 1;
                continue;
            }
            if (XML_ENTITIES.contains(name) || declared.contains(name)) {
                sb.append(text, i, semi + 1);
                i = semi + 1;
                continue;
            }
            if (Entities.isNamedEntity(name)) {
                String value = Entities.getByName(name);
                value.codePoints().forEach(cp -> sb.append("&#").append(cp).append(';'));
                html = true;
            } else {
                sb.append("&amp;").append(name).append(';');
                unknown = true;
            }
            i = semi + 1;
        }
        if (bare) {
            repairs.add("unescaped '&' repaired");
        }
        if (html) {
            repairs.add("HTML entities undefined in XML replaced by characters");
        }
        if (unknown) {
            repairs.add("unknown entities kept as text");
        }
        if (numeric) {
            repairs.add("invalid numeric character references repaired");
        }
        return bare || html || unknown || numeric ? sb.toString() : text;
    }

    private static int codePoint(String ref) {
        try {
            if (ref.length() > 2 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')) {
                return Integer.parseInt(ref.substring(2), 16);
            }
            return Integer.parseInt(ref.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int cp1252(int cp) {
        byte[] b = {(byte) cp};
        String s = new String(b, java.nio.charset.Charset.forName("windows-1252"));
        return s.charAt(0) == '\uFFFD' ? cp : s.charAt(0);
    }

    private static boolean allowedInXml(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private static String declareMissingPrefixes(String text, List<String> repairs) {
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PREFIX_USE.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        m = ATTR_PREFIX_USE.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        used.remove("xml");
        used.remove("xmlns");
        m = PREFIX_DECL.matcher(text);
        while (m.find()) {
            used.remove(m.group(1));
        }
        if (used.isEmpty()) {
            return text;
        }
        // the root element is the first start tag that is not a declaration, PI or comment
        int pos = 0;
        while (true) {
            int lt = text.indexOf('<', pos);
            if (lt < 0) {
                return text;
            }
            if (text.startsWith("<?", lt) || text.startsWith("<!", lt)) {
                int end = text.startsWith("<!--", lt) ? text.indexOf("-->", lt) : text.indexOf('>', lt);
                if (end < 0) {
                    return text;
                }
                pos = end + 1;
                continue;
            }
            Matcher root = ROOT_START.matcher(text);
            if (!root.find(lt) || root.start() != lt) {
                return text;
            }
            StringBuilder decls = new StringBuilder();
            for (String p : used) {
                decls.append(" xmlns:").append(p).append("=\"urn:trendpress:undeclared:").append(p).append('"');
            }
            repairs.add("undeclared namespace prefixes " + used + " declared");
            return text.substring(0, root.end()) + decls + text.substring(root.end());
        }
    }
}
