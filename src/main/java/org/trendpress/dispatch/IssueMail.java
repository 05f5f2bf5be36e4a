package org.trendpress.dispatch;

import org.trendpress.render.IssueModel;

/** Renders one Issue as an email for one reader; the app wires it to the real renderer. */
@FunctionalInterface
public interface IssueMail {

    /**
     * @param issue          the frozen issue
     * @param unsubscribeUrl this reader's own unsubscribe link, to show in the footer
     */
    Rendered render(IssueModel issue, String unsubscribeUrl);

    /** The subject line and both bodies of one email. */
    record Rendered(String subject, String html, String text) {}
}
