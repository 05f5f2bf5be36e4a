package org.trendpress.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The one way ingest reads XML: bytes are decoded by {@link XmlDecoder}, checked for dangerous
 * DOCTYPEs, then parsed by the JDK's SAX parser with external entities, external DTDs and
 * network access switched off and entity expansion capped. A document that is not well-formed
 * goes through {@link XmlRepair}; every repair is reported as a warning.
 *
 * <p>DOCTYPE policy: a DOCTYPE without an internal subset (the Netscape RSS 0.91 one) is
 * allowed and its DTD never fetched; internal entity declarations are allowed and expanded
 * under the JDK's limits; any external (SYSTEM/PUBLIC) or parameter entity declaration makes
 * the document refused outright: there is no legitimate use for one in a feed.
 */
final class SafeXml {

    /** A parsed document and what was repaired (or guessed) to get it. */
    record Read(Document document, List<String> warnings) {}

    private static final int ENTITY_EXPANSION_LIMIT = 10_000;
    private static final int TOTAL_ENTITY_SIZE_LIMIT = 1_000_000;
    private static final int ENTITY_SIZE_LIMIT = 100_000;
    private static final Pattern EXTERNAL_ENTITY = Pattern.compile(
            "<!ENTITY\\s+(%\\s*)?[^\\s>]+\\s+(SYSTEM|PUBLIC)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAMETER_ENTITY = Pattern.compile("<!ENTITY\\s+%", Pattern.CASE_INSENSITIVE);

    private SafeXml() {}

    /** Reads bytes strictly, then leniently; throws {@link IngestException} when nothing works. */
    static Read read(byte[] body, String contentType, String what) {
        if (body == null || body.length == 0) {
            throw new IngestException("cannot parse " + what + ": empty body");
        }
        XmlDecoder.Decoded decoded = XmlDecoder.decode(body, contentType);
        List<String> warnings = new ArrayList<>(decoded.warnings());
        XmlRepair.Result cp1252 = XmlRepair.demoronize(decoded.text());
        warnings.addAll(cp1252.repairs());
        String text = cp1252.text();
        refuseDangerousDoctype(text, what);
        Document doc;
        try {
            doc = parse(text);
            return new Read(doc, warnings);
        } catch (XmlFailure first) {
            if (first.limit) {
                throw new IngestException("cannot parse " + what + ": " + first.getMessage() + " (refused)");
            }
            XmlRepair.Result repaired = XmlRepair.repair(text);
            if (repaired.changed()) {
                try {
                    doc = parse(repaired.text());
                    warnings.addAll(repaired.repairs());
                    return new Read(doc, warnings);
                } catch (XmlFailure again) {
                    if (again.limit) {
                        throw new IngestException("cannot parse " + what + ": " + again.getMessage() + " (refused)");
                    }
                }
            }
            String rebuilt = XmlRepair.rebuildWithJsoup(repaired.text());
            if (rebuilt != null) {
                try {
                    doc = parse(rebuilt);
                    warnings.addAll(repaired.repairs());
                    warnings.add("not well-formed XML (" + first.getMessage() + "); rebuilt by a lenient parser");
                    return new Read(doc, warnings);
                } catch (XmlFailure ignored) {
                    // fall through to the first, most telling error
                }
            }
            throw new IngestException("cannot parse " + what + ": " + first.getMessage());
        }
    }

    /** Refuses external and parameter entity declarations before any parser sees them. */
    static void refuseDangerousDoctype(String text, String what) {
        int doctype = indexOfIgnoreCase(text, "<!DOCTYPE", 0);
        if (doctype < 0) {
            return;
        }
        int end = Math.min(text.length(), doctype + 200_000);
        String region = text.substring(doctype, end);
        if (EXTERNAL_ENTITY.matcher(region).find()) {
            throw new IngestException("cannot parse " + what
                    + ": DOCTYPE declares an external entity (refused: no XXE)");
        }
        if (PARAMETER_ENTITY.matcher(region).find()) {
            throw new IngestException("cannot parse " + what
                    + ": DOCTYPE declares a parameter entity (refused)");
        }
    }

    /** Parses well-formed text with the hardened parser. */
    static Document parse(String text) throws XmlFailure {
        SAXBuilder builder = BUILDERS.get();
        boolean done = false;
        try {
            Document doc = builder.build(new StringReader(text));
            done = true;
            return doc;
        } catch (JDOMException e) {
            throw new XmlFailure(e);
        } catch (IOException | RuntimeException e) {
            throw new XmlFailure(e);
        } finally {
            if (!done) {
                BUILDERS.remove(); // after a failure the thread's next document gets a new parser
            }
        }
    }

    /**
     * One builder per thread, keeping its parser: configuring a JDK SAX parser (the factory, Xerces'
     * feature and property tables) is work each document would repeat. The parser resets itself,
     * its entity limits included, at the start of each document ({@code XmlSafetyTest} parses
     * documents near the limits one after another on one thread).
     */
    private static final ThreadLocal<SAXBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        SAXBuilder builder = new SAXBuilder(new HardenedReaders());
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new ByteArrayInputStream(new byte[0])));
        builder.setExpandEntities(true);
        builder.setReuseParser(true);
        return builder;
    });

    /** Why a strict parse failed, in one line; {@code limit} when an entity limit was hit. */
    static final class XmlFailure extends Exception {
        final boolean limit;

        XmlFailure(Throwable cause) {
            super(describe(cause), cause);
            String m = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            this.limit = m.contains("jaxp00010") || m.contains("entity expansion") || m.contains("entityexpansion")
                    || m.contains("accumulated size of entities") || m.contains("size of entity");
        }

        private static String describe(Throwable t) {
            String m = t.getMessage();
            if (m == null) {
                return t.getClass().getSimpleName();
            }
            // JDOM prefixes "Error on line N: " already; keep it short
            String line = m.replaceAll("\\s+", " ").trim();
            Matcher jaxp = Pattern.compile("JAXP\\d+: ").matcher(line);
            line = jaxp.replaceAll("");
            return line.length() > 200 ? line.substring(0, 200) + "..." : line;
        }
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        int n = Math.min(text.length(), 100_000); // a DOCTYPE lives in the prolog
        // every needle here starts with "<!": find those with the JDK's vectorised search, compare the rest
        String head = needle.substring(0, 2);
        for (int i = text.indexOf(head, from); i >= 0 && i + needle.length() <= n; i = text.indexOf(head, i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** JDK SAX readers with every external fetch off and entity expansion capped. */
    private static final class HardenedReaders implements XMLReaderJDOMFactory {
        @Override
        public XMLReader createXMLReader() throws JDOMException {
            try {
                SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
                factory.setNamespaceAware(true);
                factory.setValidating(false);
                factory.setXIncludeAware(false);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
                factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                XMLReader reader = factory.newSAXParser().getXMLReader();
                reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                reader.setProperty("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit",
                        String.valueOf(ENTITY_EXPANSION_LIMIT));
                reader.setProperty("http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit",
                        String.valueOf(TOTAL_ENTITY_SIZE_LIMIT));
                reader.setProperty("http://www.oracle.com/xml/jaxp/properties/maxGeneralEntitySizeLimit",
                        String.valueOf(ENTITY_SIZE_LIMIT));
                return reader;
            } catch (ParserConfigurationException | SAXException e) {
                throw new JDOMException("cannot configure a safe XML parser: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean isValidating() {
            return false;
        }
    }
}
