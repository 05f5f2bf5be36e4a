package org.trendpress.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Connector for one HTML page (a URL submitted by hand): the page's title, description, canonical
 * URL, publication time, authors, keywords and arXiv id or DOI, taken from its metadata (OpenGraph,
 * Twitter cards, Highwire {@code citation_*} tags as on arXiv and journal pages, Dublin Core, JSON-LD,
 * {@code <time>}). The charset comes from a byte-order mark, else the Content-Type, else the page's
 * own {@code <meta charset>}, else UTF-8. Relative links resolve against {@code <base href>}, else
 * the source id when that is an http(s) URL (the submitted URL).
 */
final class PageMetaParser implements Connector {

    private static final ObjectMapper LENIENT_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([\\w.:\\-]+)");
    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=");
    private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting",
            "scholarlyarticle", "techarticle", "report", "posting", "socialmediaposting", "creativework",
            "analysisnewsarticle", "reportagenewsarticle", "medicalscholarlyarticle", "publicationissue");
    private static final int MAX_LINKS = 50;

    private final HtmlCleaner html = new HtmlCleaner();

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        return parse(sourceId, body, contentType, null);
    }

    /**
     * Relative URLs of the page resolve against {@code documentUrl} (or, when that is null, against
     * a {@code sourceId} that is itself an http(s) URL, as older callers pass it).
     */
    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType, String documentUrl) {
        if (body == null || body.length == 0) {
            throw new IngestException("empty page body");
        }
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("image/") || ct.startsWith("audio/") || ct.startsWith("video/")
                || ct.startsWith("application/pdf") || ct.startsWith("application/octet-stream")) {
            throw new IngestException("not an HTML page: content type " + contentType.strip());
        }
        if (looksBinary(body)) {
            throw new IngestException("not an HTML page: binary content");
        }
        String given = documentUrl != null ? documentUrl : sourceId;
        String base = given != null && given.matches("(?i)https?://\\S+") ? given.strip() : "";
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), charsetFor(body, contentType), base);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new IngestException("cannot read page: " + HfDailyParser.oneLine(e.getMessage()));
        }
        return map(sourceId, doc);
    }

    private ParsedFeed map(String sourceId, Document doc) {
        List<String> warnings = new ArrayList<>();
        JsonLd ld = jsonLd(doc, warnings);

        String canonical = firstNonBlank(canonicalLink(doc),
                absMeta(doc, "og:url"), ld.url);
        String title = html.text(firstNonBlank(meta(doc, "og:title"), meta(doc, "twitter:title"),
                meta(doc, "citation_title"), meta(doc, "dc.title"), ld.headline, doc.title(),
                doc.selectFirst("h1") == null ? null : doc.selectFirst("h1").text()));
        String description = html.text(firstNonBlank(meta(doc, "og:description"), meta(doc, "twitter:description"),
                meta(doc, "description"), meta(doc, "citation_abstract"), meta(doc, "dc.description"),
                ld.description));
        if (title.isEmpty() && canonical == null && description.isEmpty()) {
            throw new IngestException("page has no title, description or canonical URL");
        }

        Instant published = parseDate(firstNonBlank(meta(doc, "article:published_time"),
                meta(doc, "citation_publication_date"), meta(doc, "citation_date"),
                meta(doc, "citation_online_date"), meta(doc, "dc.date"), meta(doc, "dc.date.issued"),
                meta(doc, "dcterms.created"), meta(doc, "dcterms.issued"), meta(doc, "date"),
                meta(doc, "pubdate"), meta(doc, "publish-date"), meta(doc, "datepublished"), ld.datePublished,
                timeDatetime(doc)));
        if (published == null) {
            published = parseDate(firstNonBlank(meta(doc, "article:modified_time"), ld.dateModified));
        }

        List<String> authors = new ArrayList<>();
        for (String a : metas(doc, "citation_author")) {
            addAuthor(authors, flipName(a));
        }
        if (authors.isEmpty()) {
            for (String a : metas(doc, "dc.creator")) {
                addAuthor(authors, flipName(a));
            }
        }
        if (authors.isEmpty()) {
            ld.authors.forEach(a -> addAuthor(authors, a));
        }
        if (authors.isEmpty()) {
            for (String a : metas(doc, "author")) {
                addAuthor(authors, a);
            }
            for (String a : metas(doc, "article:author")) {
                if (!a.matches("(?i)https?://.*")) {
                    addAuthor(authors, a);
                }
            }
        }

        String pdfUrl = absMeta(doc, "citation_pdf_url");
        List<String> bodyLinks = identifierLinks(doc);
        String idText = String.join(" ", nullToEmpty(canonical), nullToEmpty(absMeta(doc, "og:url")),
                nullToEmpty(pdfUrl), nullToEmpty(absMeta(doc, "citation_abstract_html_url")), nullToEmpty(ld.ids));
        String arxivId = Links.arxivId(firstNonBlank(meta(doc, "citation_arxiv_id") == null ? null
                        : "arXiv:" + meta(doc, "citation_arxiv_id").strip(), idText))
                .or(() -> Links.arxivId(idText))
                .orElse(unique(bodyLinks, true));
        int arxivVersion = meta(doc, "citation_arxiv_id") != null
                ? Links.arxivVersion("arXiv:" + meta(doc, "citation_arxiv_id").strip()) : Links.arxivVersion(idText);
        String doi = Links.doi(firstNonBlank(meta(doc, "citation_doi"), meta(doc, "prism.doi"),
                        meta(doc, "dc.identifier"), meta(doc, "bepress_citation_doi")))
                .or(() -> Links.doi(idText))
                .orElse(unique(bodyLinks, false));

        Set<String> links = new LinkedHashSet<>();
        if (pdfUrl != null) {
            links.add(pdfUrl);
        }
        if (arxivId != null) {
            links.add(Links.arxivAbsUrl(arxivId));
        }
        links.addAll(bodyLinks);
        String url = canonical;
        if (url == null && arxivId != null) {
            url = Links.arxivAbsUrl(arxivId);
        }
        if (url == null && !doc.location().isEmpty()) {
            url = doc.location();
        }
        if (url != null) {
            links.remove(url);
        }

        List<String> keywords = new ArrayList<>();
        for (String k : metas(doc, "keywords")) {
            splitInto(keywords, k);
        }
        for (String k : metas(doc, "article:tag")) {
            splitInto(keywords, k);
        }
        for (String k : metas(doc, "citation_keywords")) {
            splitInto(keywords, k);
        }
        ld.keywords.forEach(k -> splitInto(keywords, k));
        String siteName = html.text(firstNonBlank(meta(doc, "og:site_name"), meta(doc, "citation_publisher"),
                meta(doc, "citation_journal_title"), meta(doc, "dc.publisher"), ld.publisher));
        ItemDetails details = pdfUrl == null && arxivVersion == 0 && keywords.isEmpty() && siteName.isEmpty()
                ? ItemDetails.NONE
                : new ItemDetails(null, List.of(), null, null, pdfUrl, arxivVersion, null, 0, 0, null, 0, null,
                        keywords, siteName.isEmpty() ? null : siteName);

        if (title.isEmpty()) {
            title = description.length() > 120 ? description.substring(0, 117) + "..." : description;
        }
        if (title.isEmpty()) {
            title = canonical;
        }
        String guid = firstNonBlank(url, arxivId == null ? null : "arXiv:" + arxivId, "page:" + title);
        Item item = new Item(sourceId, guid, url, Links.canonical(url), title,
                description.isEmpty() ? "" : html.sanitise(HfDailyParser.paragraphs(description)), description,
                authors, arxivId, doi, published, new ArrayList<>(links), details);
        String feedTitle = siteName.isEmpty() ? title : siteName;
        return new ParsedFeed(feedTitle, url, List.of(item), warnings, -1, -1);
    }

    // --- charset and bytes -------------------------------------------------------------------------

    /**
     * The charset to decode with: the Content-Type's; else null (jsoup reads a byte-order mark or the
     * page's meta charset, defaulting to UTF-8), except that bytes which are not UTF-8 on a page that
     * names no charset are read as windows-1252 (a superset of ISO-8859-1 with the smart quotes).
     */
    static String charsetFor(byte[] body, String contentType) {
        String declared = charsetOf(contentType);
        if (declared != null) {
            return declared;
        }
        boolean bom = body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE) || (body[0] == (byte) 0xEF && body[1] == (byte) 0xBB));
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        if (bom || META_CHARSET.matcher(head).find() || isUtf8(body)) {
            return null;
        }
        return "windows-1252";
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The charset named by the Content-Type, when the JDK knows it; otherwise null (let jsoup detect). */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        try {
            return Charset.isSupported(m.group(1)) ? m.group(1) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean looksBinary(byte[] body) {
        int n = Math.min(body.length, 1024);
        if (n >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return false; // UTF-16 with a byte-order mark has many zero bytes
        }
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                zeros++;
            }
        }
        return zeros > n / 10;
    }

    // --- meta tags ---------------------------------------------------------------------------------

    /** All non-blank values of meta tags whose name, property or itemprop is {@code key} (any case). */
    private static List<String> metas(Document doc, String key) {
        List<String> out = new ArrayList<>();
        for (Element m : doc.select("meta[content]")) {
            String k = firstNonBlank(m.attr("property"), m.attr("name"), m.attr("itemprop"));
            if (k != null && k.strip().equalsIgnoreCase(key) && !m.attr("content").isBlank()) {
                out.add(m.attr("content").strip());
            }
        }
        return out;
    }

    private static String meta(Document doc, String key) {
        List<String> all = metas(doc, key);
        return all.isEmpty() ? null : all.get(0);
    }

    private static String absMeta(Document doc, String key) {
        for (Element m : doc.select("meta[content]")) {
            String k = firstNonBlank(m.attr("property"), m.attr("name"), m.attr("itemprop"));
            if (k != null && k.strip().equalsIgnoreCase(key)) {
                String abs = httpUrl(m.absUrl("content"), m.attr("content"));
                if (abs != null) {
                    return abs;
                }
            }
        }
        return null;
    }

    private static String canonicalLink(Document doc) {
        for (Element l : doc.select("link[rel][href]")) {
            boolean canonical = false;
            for (String rel : l.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
                canonical |= rel.equals("canonical");
            }
            String abs = canonical ? httpUrl(l.absUrl("href"), l.attr("href")) : null;
            if (abs != null) {
                return abs;
            }
        }
        return null;
    }

    /** The resolved URL, else the raw one when already absolute; only http(s). */
    private static String httpUrl(String resolved, String raw) {
        for (String s : new String[] {resolved, raw == null ? null : raw.strip()}) {
            if (s != null && s.matches("(?i)https?://\\S+")) {
                return s;
            }
        }
        return null;
    }

    private static String timeDatetime(Document doc) {
        Element scope = firstNonNull(doc.selectFirst("article time[datetime]"), doc.selectFirst("time[datetime]"));
        return scope == null ? null : scope.attr("datetime");
    }

    /** Links in the page that name a work: arXiv, DOI, GitHub repositories, Hugging Face papers. */
    private static List<String> identifierLinks(Document doc) {
        Set<String> out = new LinkedHashSet<>();
        Element scope = firstNonNull(doc.selectFirst("article"), doc.selectFirst("main"), doc.body());
        if (scope == null) {
            return List.of();
        }
        for (Element a : scope.select("a[href]")) {
            String href = httpUrl(a.absUrl("href"), a.attr("href"));
            if (href != null && href.matches("(?i)https?://([\\w.\\-]+\\.)?(arxiv\\.org/(abs|pdf|html)/|"
                    + "(dx\\.)?doi\\.org/10\\.|github\\.com/[^/]+/[^/?#]+|huggingface\\.co/papers/).*")) {
                out.add(href);
                if (out.size() == MAX_LINKS) {
                    break;
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The one arXiv id (or DOI) all the links name, or null when none or several. */
    private static String unique(List<String> links, boolean arxiv) {
        Set<String> ids = new LinkedHashSet<>();
        for (String l : links) {
            (arxiv ? Links.arxivId(l) : Links.doi(l)).ifPresent(ids::add);
        }
        return ids.size() == 1 ? ids.iterator().next() : null;
    }

    // --- JSON-LD -----------------------------------------------------------------------------------

    /** What the page's JSON-LD says about the article (or, failing that, the web page). */
    private static final class JsonLd {
        String headline;
        String description;
        String datePublished;
        String dateModified;
        String url;
        String publisher;
        String ids = "";
        final List<String> authors = new ArrayList<>();
        final List<String> keywords = new ArrayList<>();
    }

    private JsonLd jsonLd(Document doc, List<String> warnings) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Element script : doc.select("script[type]")) {
            String data = script.data().strip();
            if (!script.attr("type").strip().equalsIgnoreCase("application/ld+json") || data.isEmpty()) {
                continue;
            }
            try {
                collect(LENIENT_JSON.readTree(data), nodes, 0);
            } catch (JacksonException e) {
                warnings.add("JSON-LD block ignored: " + HfDailyParser.oneLine(e.getOriginalMessage()));
            }
        }
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode n : nodes) {
            String id = HfDailyParser.text(n, "@id");
            if (id != null) {
                byId.putIfAbsent(id, n);
            }
        }
        JsonNode best = null;
        int bestRank = 0;
        for (JsonNode n : nodes) {
            int rank = rank(n);
            if (rank > bestRank) {
                best = n;
                bestRank = rank;
            }
        }
        JsonLd ld = new JsonLd();
        if (best == null) {
            return ld;
        }
        ld.headline = firstNonBlank(HfDailyParser.text(best, "headline"), HfDailyParser.text(best, "name"));
        ld.description = HfDailyParser.text(best, "description");
        ld.datePublished = firstNonBlank(HfDailyParser.text(best, "datePublished"),
                HfDailyParser.text(best, "dateCreated"), HfDailyParser.text(best, "uploadDate"));
        ld.dateModified = HfDailyParser.text(best, "dateModified");
        JsonNode url = best.get("url");
        ld.url = url != null && url.isTextual() && url.asText().matches("(?i)https?://\\S+") ? url.asText() : null;
        for (JsonNode a : list(best.get("author"))) {
            JsonNode person = a.isObject() && a.size() == 1 && a.has("@id") ? byId.getOrDefault(a.get("@id").asText(), a) : a;
            String name = person.isTextual() ? person.asText() : HfDailyParser.text(person, "name");
            if (name != null && !name.isBlank()) {
                ld.authors.add(name.strip());
            }
        }
        JsonNode publisher = best.get("publisher");
        if (publisher != null && publisher.isObject() && publisher.size() == 1 && publisher.has("@id")) {
            publisher = byId.getOrDefault(publisher.get("@id").asText(), publisher);
        }
        ld.publisher = publisher == null ? null
                : publisher.isTextual() ? publisher.asText() : HfDailyParser.text(publisher, "name");
        for (JsonNode k : list(best.get("keywords"))) {
            if (k.isTextual()) {
                ld.keywords.add(k.asText());
            }
        }
        StringBuilder ids = new StringBuilder();
        for (String field : List.of("identifier", "sameAs", "url", "mainEntityOfPage")) {
            for (JsonNode v : list(best.get(field))) {
                String s = v.isTextual() ? v.asText()
                        : firstNonBlank(HfDailyParser.text(v, "value"), HfDailyParser.text(v, "@id"));
                if (s != null) {
                    ids.append(' ').append(s);
                }
            }
        }
        ld.ids = ids.toString().strip();
        return ld;
    }

    /** Every object in a JSON-LD value: top level, arrays and {@code @graph}s. */
    private static void collect(JsonNode n, List<JsonNode> out, int depth) {
        if (n == null || depth > 8) {
            return;
        }
        if (n.isArray()) {
            n.forEach(c -> collect(c, out, depth + 1));
        } else if (n.isObject()) {
            out.add(n);
            collect(n.get("@graph"), out, depth + 1);
        }
    }

    /** 3 for an article-like type, 1 for a web page, 0 otherwise. */
    private static int rank(JsonNode n) {
        int rank = 0;
        for (JsonNode t : list(n.get("@type"))) {
            String type = t.asText().toLowerCase(Locale.ROOT).replaceFirst("^.*[/:#]", "");
            if (ARTICLE_TYPES.contains(type)) {
                rank = Math.max(rank, 3);
            } else if (type.endsWith("webpage")) {
                rank = Math.max(rank, 1);
            }
        }
        return rank;
    }

    private static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(out::add);
        } else {
            out.add(n);
        }
        return out;
    }

    // --- names, keywords -----------------------------------------------------------------------------

    private void addAuthor(List<String> authors, String name) {
        String clean = html.text(name);
        if (!clean.isEmpty() && !authors.contains(clean)) {
            authors.add(clean);
        }
    }

    /** "Vaswani, Ashish" (citation style) as "Ashish Vaswani"; other forms unchanged. */
    static String flipName(String name) {
        String[] parts = name.split(",");
        if (parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()
                && !parts[1].strip().matches("(?i)(jr|sr|ii|iii|iv)\\.?")) {
            return parts[1].strip() + " " + parts[0].strip();
        }
        return name.strip();
    }

    private static void splitInto(List<String> keywords, String value) {
        for (String k : value.split("[,;]")) {
            String t = k.strip();
            if (!t.isEmpty() && !keywords.contains(t)) {
                keywords.add(t);
            }
        }
    }

    // --- dates -------------------------------------------------------------------------------------

    private static final DateTimeFormatter[] ZONED = {
        DateTimeFormatter.RFC_1123_DATE_TIME,
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH),
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm zzz", Locale.ENGLISH),
    };
    private static final DateTimeFormatter[] DAYS = Stream.of("uuuu/M/d", "uuuu-M-d", "uuuu.M.d", "MMMM d, uuuu",
                    "MMM d, uuuu", "d MMMM uuuu", "d MMM uuuu")
            .map(p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT))
            .toArray(DateTimeFormatter[]::new);

    /**
     * A date as the web writes it, or null: ISO 8601 / RFC 3339 instants with or without offset or
     * fraction (no offset means UTC), offsets without a colon, RFC 1123, a bare day ({@code 2024-01-05},
     * {@code 2024/01/05}, {@code January 5, 2024}) or month ({@code 2024-01}) or year as its first
     * moment in UTC, and epoch seconds or milliseconds.
     */
    static Instant parseDate(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        if (s.matches("\\d{9,10}")) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        if (s.matches("\\d{12,13}")) {
            return Instant.ofEpochMilli(Long.parseLong(s));
        }
        String iso = s.replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[ T]", "$1T")
                .replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")
                .replaceFirst("\\s*(UTC|GMT)$", "Z");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        for (DateTimeFormatter f : ZONED) {
            try {
                return ZonedDateTime.parse(s, f).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        for (DateTimeFormatter f : DAYS) {
            try {
                return LocalDate.parse(s, f).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        Matcher month = Pattern.compile("(\\d{4})[-/](\\d{1,2})").matcher(s);
        if (month.matches() && Integer.parseInt(month.group(2)) >= 1 && Integer.parseInt(month.group(2)) <= 12) {
            return LocalDate.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)), 1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (s.matches("(19|20)\\d{2}")) {
            return LocalDate.of(Integer.parseInt(s), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return null;
    }

    // --- small helpers -----------------------------------------------------------------------------

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
