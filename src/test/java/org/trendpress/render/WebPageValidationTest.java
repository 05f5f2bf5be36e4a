package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import nu.validator.validation.SimpleDocumentValidator;

/**
 * The web pages (an issue page and the archive index) have no errors in the Nu HTML Checker
 * (nu.validator 20.6.30, the engine of vnu.jar and validator.w3.org/nu), run in-process with the
 * schema vnu uses by default. Warnings are printed, not failed on.
 */
class WebPageValidationTest {

    private static final String SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private final Renderer renderer = new Renderer(Path.of("templates"));

    @BeforeAll
    static void quietDatatypeWarnings() {
        System.setProperty("nu.validator.datatype.warn", "true");
    }

    @Test
    void issuePageHasNoErrors() throws Exception {
        assertThat(check(renderer.webPage(SampleIssue.october2026()))).isEmpty();
        assertThat(check(renderer.webPage(FullSizeIssue.create()))).isEmpty();
        IssueModel bare = SampleIssue.october2026().withTopicTrend(null);
        assertThat(check(renderer.webPage(bare))).isEmpty();
    }

    @Test
    void archiveIndexHasNoErrors() throws Exception {
        List<ArchiveEntry> entries = List.of(
                new ArchiveEntry("2026-10", "Trends in AI — October 2026", "Small models that plan & more.", "2026-10/"),
                new ArchiveEntry("2026-09", "Trends in AI — September 2026", "Robots.", "2026-09/"));
        assertThat(check(renderer.archiveIndex("Trends in AI", entries, "https://trendpress.example.org/issues/feed.xml")))
                .isEmpty();
        assertThat(check(renderer.archiveIndex("Trends in AI", List.of(), "https://trendpress.example.org/issues/feed.xml")))
                .isEmpty();
    }

    @Test
    void theCheckerFindsErrorsWhenThereAreSome() throws Exception {
        assertThat(check("<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><p><div></p></body></html>"))
                .isNotEmpty();
        assertThat(check("<!DOCTYPE html><html lang=\"en\"><head></head><body><img src=\"a.png\"></body></html>"))
                .isNotEmpty();
    }

    /** Errors (and fatal errors) the checker reports, as "line:column message". */
    static List<String> check(String html) throws Exception {
        List<String> errors = new ArrayList<>();
        ErrorHandler handler = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                System.out.println("vnu warning " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add("fatal " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        };
        SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);
        validator.setUpMainSchema(SCHEMA, handler);
        validator.setUpValidatorAndParsers(handler, false, false);
        InputSource source = new InputSource(new StringReader(html));
        source.setEncoding("UTF-8");
        validator.checkHtmlInputSource(source);
        return errors;
    }
}
