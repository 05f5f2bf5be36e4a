package org.trendpress.dispatch;

import java.util.List;
import org.trendpress.render.IssueMailTemplate;
import org.trendpress.render.IssueModel;
import org.trendpress.render.Renderer;
import org.trendpress.render.TopicChart;

/**
 * The Issue email as Trendpress sends it: rendered once per Issue by {@link IssueMailTemplate}
 * (templates, CSS inlining, chart) and personalised for each reader by substitution of the
 * unsubscribe link. Remembers the last Issue it rendered, so a dispatch run renders once whatever
 * the number of recipients. Thread-safe.
 */
public final class TemplateIssueMail implements IssueMail {

    private final Renderer renderer;
    private volatile IssueMailTemplate last;

    public TemplateIssueMail(Renderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Rendered render(IssueModel issue, String unsubscribeUrl) {
        IssueMailTemplate template = template(issue);
        byte[] chart = template.chartPng();
        List<Inline> inline = chart == null ? List.of()
                : List.of(new Inline(TopicChart.CONTENT_ID, "image/png", TopicChart.FILE_NAME, chart));
        return new Rendered(issue.title(), template.html(unsubscribeUrl), template.text(unsubscribeUrl), inline);
    }

    /** The rendered template of {@code issue}: the last one if it is the same Issue, else a new one. */
    IssueMailTemplate template(IssueModel issue) {
        IssueMailTemplate t = last;
        if (t != null && (t.issue() == issue || t.issue().equals(issue))) {
            return t;
        }
        t = IssueMailTemplate.of(renderer, issue);
        last = t;
        return t;
    }
}
