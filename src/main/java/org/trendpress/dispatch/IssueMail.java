package org.trendpress.dispatch;

import java.util.List;
import org.trendpress.render.IssueModel;

/** Renders one Issue as an email for one reader; the app wires it to the real renderer ({@link TemplateIssueMail}). */
@FunctionalInterface
public interface IssueMail {

    /**
     * @param issue          the frozen issue
     * @param unsubscribeUrl this reader's own unsubscribe link, to show in the footer
     */
    Rendered render(IssueModel issue, String unsubscribeUrl);

    /**
     * The subject line and both bodies of one email, with the images the HTML shows inline.
     *
     * @param inline parts the HTML refers to as {@code cid:<contentId>}; empty for none
     */
    record Rendered(String subject, String html, String text, List<Inline> inline) {

        public Rendered {
            inline = inline == null ? List.of() : List.copyOf(inline);
        }

        /** An email without inline images. */
        public Rendered(String subject, String html, String text) {
            this(subject, html, text, List.of());
        }
    }

    /**
     * An image shown inside the HTML body (multipart/related).
     *
     * @param contentId the id the HTML names as {@code cid:<contentId>}, without angle brackets
     * @param mediaType e.g. {@code image/png}
     * @param fileName  a file name for clients that list it, e.g. {@code topics.png}
     * @param bytes     the image; never modified
     */
    record Inline(String contentId, String mediaType, String fileName, byte[] bytes) {}
}
