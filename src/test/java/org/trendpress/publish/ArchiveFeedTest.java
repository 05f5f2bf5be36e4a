package org.trendpress.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trendpress.publish.FeedFixtures.ARCHIVE;
import static org.trendpress.publish.FeedFixtures.NAME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The three archive feeds, checked mechanically in the points the W3C feed validator checks:
 * required elements, date formats, self links, unique ids; plus the 20-entry limit and
 * determinism.
 */
class ArchiveFeedTest {

    private static final String RSS_NS = "";
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
    /** RFC 822 as RSS 2.0 uses it, with a four-digit year (the validator flags two-digit years). */
    private static final Pattern RFC822 = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}"
                    + " \\d{2}:\\d{2}:\\d{2} (GMT|[+-]\\d{4})");
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern RELATIVE_REF = Pattern.compile("(href|src)=\"(?!https?://|mailto:)");

    private final ArchiveFeed feed = new ArchiveFeed(NAME, ARCHIVE, FeedFixtures.threeIssues());

    @Test
    void rssMeetsTheValidatorsPoints() throws Exception {
        String xml = feed.rss();
        Document doc = FeedFixtures.xml(xml);
        Element rss = doc.getDocumentElement();
        assertThat(rss.getLocalName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        Element channel = child(rss, RSS_NS, "channel");
        assertThat(text(channel, "title")).isEqualTo(NAME);
        assertThat(text(channel, "link")).isEqualTo(ARCHIVE);
        assertThat(text(channel, "description")).isNotBlank();
        assertThat(text(channel, "lastBuildDate")).matches(RFC822);
        assertThat(text(channel, "pubDate")).matches(RFC822);
        // lastBuildDate is the newest change (September's correction is older than October's issue)
        assertThat(rfc822(text(channel, "lastBuildDate"))).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));

        List<Element> selfLinks = children(channel, ATOM_NS, "link");
        assertThat(selfLinks).singleElement().satisfies(self -> {
            assertThat(self.getAttribute("rel")).isEqualTo("self");
            assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
            assertThat(self.getAttribute("href")).isEqualTo(ARCHIVE + "feed.xml");
        });

        List<Element> items = children(channel, RSS_NS, "item");
        assertThat(items).hasSize(3);
        Set<String> guids = new HashSet<>();
        for (Element item : items) {
            assertThat(text(item, "title")).isNotBlank();
            Element guid = child(item, RSS_NS, "guid");
            assertThat(guids.add(guid.getTextContent())).as("unique guid %s", guid.getTextContent()).isTrue();
            // isPermaLink defaults to true: then the guid must be a URL a reader can open, the item's link
            assertThat(guid.getAttribute("isPermaLink")).isIn("", "true");
            assertThat(URI.create(guid.getTextContent()).isAbsolute()).isTrue();
            assertThat(guid.getTextContent()).isEqualTo(text(item, "link"));
            assertThat(text(item, "pubDate")).matches(RFC822);
            String html = child(item, CONTENT_NS, "encoded").getTextContent();
            assertThat(html).isNotBlank();
            assertThat(RELATIVE_REF.matcher(html).find()).as("relative link in content:encoded").isFalse();
        }
        assertThat(items).extracting(i -> text(i, "title")).containsExactly(
                "Trends in AI — October 2026", "Trends in AI — September 2026", "Trends in AI — August 2026");
    }

    @Test
    void atomMeetsTheValidatorsPoints() throws Exception {
        Document doc = FeedFixtures.xml(feed.atom());
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM_NS);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(children(root, ATOM_NS, "id")).singleElement()
                .satisfies(id -> assertThat(URI.create(id.getTextContent()).isAbsolute()).isTrue());
        assertThat(children(root, ATOM_NS, "title")).singleElement()
                .satisfies(t -> assertThat(t.getTextContent()).isEqualTo(NAME));
        String updated = child(root, ATOM_NS, "updated").getTextContent();
        assertThat(updated).matches(RFC3339);
        assertThat(Instant.parse(updated)).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
        assertThat(child(child(root, ATOM_NS, "author"), ATOM_NS, "name").getTextContent()).isEqualTo(NAME);
        Element self = link(root, "self");
        assertThat(self.getAttribute("type")).isEqualTo("application/atom+xml");
        assertThat(self.getAttribute("href")).isEqualTo(ARCHIVE + "atom.xml");
        assertThat(link(root, "alternate").getAttribute("href")).isEqualTo(ARCHIVE);

        List<Element> entries = children(root, ATOM_NS, "entry");
        assertThat(entries).hasSize(3);
        Set<String> ids = new HashSet<>();
        for (Element entry : entries) {
            String id = child(entry, ATOM_NS, "id").getTextContent();
            assertThat(ids.add(id)).as("unique id %s", id).isTrue();
            assertThat(URI.create(id).isAbsolute()).isTrue();
            assertThat(child(entry, ATOM_NS, "title").getTextContent()).isNotBlank();
            String entryUpdated = child(entry, ATOM_NS, "updated").getTextContent();
            String published = child(entry, ATOM_NS, "published").getTextContent();
            assertThat(entryUpdated).matches(RFC3339);
            assertThat(published).matches(RFC3339);
            assertThat(Instant.parse(entryUpdated)).isAfterOrEqualTo(Instant.parse(published));
            assertThat(Instant.parse(entryUpdated)).isBeforeOrEqualTo(Instant.parse(updated));
            Element alternate = link(entry, "alternate");
            assertThat(alternate.getAttribute("href")).isEqualTo(id);
            assertThat(alternate.getAttribute("type")).isEqualTo("text/html");
            Element content = child(entry, ATOM_NS, "content");
            assertThat(content.getAttribute("type")).isEqualTo("html");
            assertThat(RELATIVE_REF.matcher(content.getTextContent()).find()).isFalse();
        }
        // the corrected September issue shows its correction time, and keeps its id
        Element september = entries.get(1);
        assertThat(child(september, ATOM_NS, "id").getTextContent()).isEqualTo(ARCHIVE + "2026-09/");
        assertThat(child(september, ATOM_NS, "updated").getTextContent()).isEqualTo("2026-10-03T16:45:12Z");
        assertThat(child(september, ATOM_NS, "published").getTextContent()).isEqualTo("2026-10-01T07:00:00Z");
    }

    @Test
    void jsonFeedIsVersionOneOneWithTheRequiredItemFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(feed.json());
        assertThat(json.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(json.path("title").asText()).isEqualTo(NAME);
        assertThat(json.path("home_page_url").asText()).isEqualTo(ARCHIVE);
        assertThat(json.path("feed_url").asText()).isEqualTo(ARCHIVE + "feed.json");
        assertThat(json.path("authors").get(0).path("name").asText()).isEqualTo(NAME);
        JsonNode items = json.path("items");
        assertThat(items.isArray()).isTrue();
        assertThat(items).hasSize(3);
        Set<String> ids = new HashSet<>();
        for (JsonNode item : items) {
            assertThat(ids.add(item.path("id").asText())).isTrue();
            assertThat(item.path("id").isTextual()).isTrue();
            assertThat(item.path("url").asText()).isEqualTo(item.path("id").asText());
            assertThat(item.path("title").asText()).isNotBlank();
            assertThat(item.path("content_html").asText()).isNotBlank();
            assertThat(item.path("date_published").asText()).matches(RFC3339);
            assertThat(item.path("date_modified").asText()).matches(RFC3339);
            OffsetDateTime.parse(item.path("date_published").asText());
        }
        JsonNode september = items.get(1);
        assertThat(september.path("summary").asText()).isEqualTo("Agents & <tools>: what changed.");
        assertThat(september.path("date_published").asText()).isEqualTo("2026-10-01T07:00:00Z");
        assertThat(september.path("date_modified").asText()).isEqualTo("2026-10-03T16:45:12Z");
    }

    @Test
    void romeReadsAllThreeTheSameWay() throws Exception {
        SyndFeed rss = new SyndFeedInput().build(new StringReader(feed.rss()));
        SyndFeed atom = new SyndFeedInput().build(new StringReader(feed.atom()));
        assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
        assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
        for (SyndFeed f : List.of(rss, atom)) {
            assertThat(f.getTitle()).isEqualTo(NAME);
            assertThat(f.getEntries()).extracting(SyndEntry::getLink)
                    .containsExactly(ARCHIVE + "2026-10/", ARCHIVE + "2026-09/", ARCHIVE + "2026-08/");
            assertThat(f.getEntries()).extracting(SyndEntry::getUri)
                    .containsExactly(ARCHIVE + "2026-10/", ARCHIVE + "2026-09/", ARCHIVE + "2026-08/");
            assertThat(f.getEntries().get(0).getPublishedDate())
                    .isEqualTo(Date.from(Instant.parse("2026-11-02T08:00:00Z")));
            assertThat(f.getEntries().get(1).getContents()).singleElement()
                    .satisfies(c -> assertThat(c.getValue()).contains("theme &amp; planning", "Café-grade é ✓"));
        }
        assertThat(atom.getEntries().get(1).getUpdatedDate()).isEqualTo(Date.from(Instant.parse("2026-10-03T16:45:12Z")));
        // the plain-text summary reaches an RSS reader as text, not markup
        assertThat(rss.getEntries().get(1).getDescription().getValue()).isEqualTo("Agents &amp; &lt;tools&gt;: what changed.");
        assertThat(atom.getEntries().get(1).getDescription().getValue()).isEqualTo("Agents & <tools>: what changed.");
    }

    @Test
    void keepsTheTwentyNewestAndIsDeterministic() throws Exception {
        List<FeedEntry> entries = FeedFixtures.monthly(25);
        ArchiveFeed a = new ArchiveFeed(NAME, ARCHIVE, entries);
        List<FeedEntry> shuffled = new ArrayList<>(entries);
        Collections.reverse(shuffled);
        ArchiveFeed b = new ArchiveFeed(NAME, ARCHIVE, shuffled);
        assertThat(b.files()).isEqualTo(a.files());
        assertThat(a.files()).containsOnlyKeys("feed.xml", "atom.xml", "feed.json");

        SyndFeed rss = new SyndFeedInput().build(new StringReader(a.rss()));
        SyndFeed atom = new SyndFeedInput().build(new StringReader(a.atom()));
        JsonNode json = new ObjectMapper().readTree(a.json());
        assertThat(rss.getEntries()).hasSize(ArchiveFeed.MAX_ITEMS);
        assertThat(atom.getEntries()).hasSize(ArchiveFeed.MAX_ITEMS);
        assertThat(json.path("items")).hasSize(ArchiveFeed.MAX_ITEMS);
        assertThat(rss.getEntries().get(0).getTitle()).isEqualTo("Trends in AI — 2026-01");
        assertThat(rss.getEntries().get(19).getTitle()).isEqualTo("Trends in AI — 2024-06");
        assertThat(json.path("items").get(19).path("title").asText()).isEqualTo("Trends in AI — 2024-06");
    }

    @Test
    void emptyArchiveGivesValidFeedsWithoutAClock() throws Exception {
        ArchiveFeed empty = new ArchiveFeed(NAME, ARCHIVE, List.of());
        assertThat(new SyndFeedInput().build(new StringReader(empty.rss())).getEntries()).isEmpty();
        assertThat(empty.rss()).doesNotContain("lastBuildDate");
        assertThat(new SyndFeedInput().build(new StringReader(empty.atom())).getEntries()).isEmpty();
        assertThat(empty.atom()).contains("<updated>1970-01-01T00:00:00Z</updated>");
        assertThat(new ObjectMapper().readTree(empty.json()).path("items")).isEmpty();
        assertThat(new ArchiveFeed(NAME, ARCHIVE, List.of()).files()).isEqualTo(empty.files());
    }

    @Test
    void refusesMissingValues() {
        assertThatThrownBy(() -> new ArchiveFeed(NAME, ARCHIVE,
                List.of(new FeedEntry("t", " ", "s", Instant.EPOCH, null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry url");
        assertThatThrownBy(() -> new ArchiveFeed(NAME, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("archiveUrl");
    }

    private static Instant rfc822(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static Element link(Element parent, String rel) {
        List<Element> links = children(parent, ATOM_NS, "link").stream()
                .filter(l -> rel.equals(l.getAttribute("rel").isEmpty() ? "alternate" : l.getAttribute("rel"))).toList();
        assertThat(links).as("one link rel=%s", rel).hasSize(1);
        return links.get(0);
    }

    private static String text(Element parent, String name) {
        return child(parent, RSS_NS, name).getTextContent();
    }

    private static Element child(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        assertThat(found).as("exactly one <%s> in <%s>", name, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName())
                    && (ns.isEmpty() ? e.getNamespaceURI() == null : ns.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }
}
