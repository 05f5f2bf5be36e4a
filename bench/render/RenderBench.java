package org.trendpress.dispatch;

import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.trendpress.render.FullSizeIssue;
import org.trendpress.render.IssueModel;
import org.trendpress.render.Renderer;

/**
 * bench/render: (1) renders one full-size Issue (10 papers, 8 news, the topic chart: web page,
 * HTML email with its CSS inlined, text email, PNG) and prints the median time after warm-up;
 * (2) personalises it for 100,000 recipients (an unsubscribe link each) with TemplateIssueMail,
 * the path the Dispatcher uses, beside a plain StringBuilder substitution doing the same work
 * (both bodies, one link each) in the same run, and prints messages per second, the ratio and
 * PASS/MISS against the target (at least 0.5x the baseline); (3) for information, the rate of
 * whole MIME messages (MailComposer: headers, multipart/alternative + related with the chart,
 * quoted-printable and base64 written out) for the same recipients.
 *
 * <p>In package dispatch so it can use the package-private MailComposer; run by run.sh.
 */
public final class RenderBench {

    private static final String MARKER = "\u0000UNSUB\u0000";

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int mime = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Renderer renderer = new Renderer(Path.of("templates"));
        IssueModel issue = FullSizeIssue.create();

        // 1. one issue, every rendering
        for (int i = 0; i < 30; i++) {
            renderAll(renderer, issue);
        }
        int runs = 41;
        double[] all = new double[runs];
        double[] web = new double[runs];
        double[] html = new double[runs];
        double[] text = new double[runs];
        double[] png = new double[runs];
        long sink = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += renderer.webPage(issue).length();
            long t1 = System.nanoTime();
            sink += renderer.emailHtml(issue, FullSizeIssue.UNSUBSCRIBE_URL).length();
            long t2 = System.nanoTime();
            sink += renderer.emailText(issue, FullSizeIssue.UNSUBSCRIBE_URL).length();
            long t3 = System.nanoTime();
            sink += renderer.chartPng(issue).length;
            long t4 = System.nanoTime();
            web[i] = ms(t1 - t0);
            html[i] = ms(t2 - t1);
            text[i] = ms(t3 - t2);
            png[i] = ms(t4 - t3);
            all[i] = ms(t4 - t0);
        }
        System.out.printf("render one issue (10 papers, 8 news, chart), median of %d after 30 warm-up runs:%n", runs);
        System.out.printf("  all four      %7.2f ms%n", median(all));
        System.out.printf("  web page      %7.2f ms%n", median(web));
        System.out.printf("  HTML email    %7.2f ms  (template + CSS inlining; %d bytes)%n", median(html),
                renderer.emailHtml(issue, FullSizeIssue.UNSUBSCRIBE_URL).getBytes("UTF-8").length);
        System.out.printf("  text email    %7.2f ms%n", median(text));
        System.out.printf("  chart PNG     %7.2f ms%n", median(png));

        // 2. personalisation: ours (TemplateIssueMail) against a plain StringBuilder substitution
        List<String> urls = new ArrayList<>(recipients);
        for (int i = 0; i < recipients; i++) {
            urls.add("https://trendpress.example.org/unsubscribe?token=" + Long.toString(0x9e3779b97f4a7c15L * (i + 1), 36)
                    + "." + Integer.toString(i, 36));
        }
        String htmlTemplate = renderer.emailHtml(issue, "https://x.invalid/m").replace("https://x.invalid/m", MARKER);
        String textTemplate = renderer.emailText(issue, "https://x.invalid/m").replace("https://x.invalid/m", MARKER);
        TemplateIssueMail ours = new TemplateIssueMail(renderer);
        ours.render(issue, urls.get(0));
        double bestOurs = 0;
        double bestBase = 0;
        for (int round = 0; round < 4; round++) { // alternate; round 0 is warm-up
            long t0 = System.nanoTime();
            for (String url : urls) {
                IssueMail.Rendered r = ours.render(issue, url);
                sink += r.html().length() + r.text().length();
            }
            long t1 = System.nanoTime();
            for (String url : urls) {
                sink += substitute(htmlTemplate, url.replace("&", "&amp;")).length() + substitute(textTemplate, url).length();
            }
            long t2 = System.nanoTime();
            if (round > 0) {
                bestOurs = Math.max(bestOurs, recipients / secs(t1 - t0));
                bestBase = Math.max(bestBase, recipients / secs(t2 - t1));
            }
        }
        double ratio = bestOurs / bestBase;
        System.out.printf("personalise for %,d recipients (HTML + text bodies, one unsubscribe link each), best of 3:%n", recipients);
        System.out.printf("  TemplateIssueMail (what Dispatcher uses)  %,12.0f messages/s%n", bestOurs);
        System.out.printf("  StringBuilder substitution (baseline)     %,12.0f messages/s%n", bestBase);
        System.out.printf("  ratio %.2fx (target >= 0.50x): %s%n", ratio, ratio >= 0.5 ? "PASS" : "MISS");

        // 3. whole MIME messages, for information
        MailComposer composer = new MailComposer(new MailSettings("", 25, null, null, false, "trends@example.org",
                "Trends in AI", Path.of("target/bench-render-outbox"), 2000, 2000, 2000));
        Instant date = Instant.parse("2026-11-02T08:00:00Z");
        CountingStream out = new CountingStream();
        for (int i = 0; i < Math.min(2000, mime); i++) { // warm-up
            compose(composer, ours, issue, urls.get(i), i, date).writeTo(out);
        }
        out.count = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < mime; i++) {
            compose(composer, ours, issue, urls.get(i % recipients), i, date).writeTo(out);
        }
        long t1 = System.nanoTime();
        System.out.printf("compose whole MIME messages (MailComposer + writeTo, chart inline) for %,d recipients:%n", mime);
        System.out.printf("  %,12.0f messages/s, %,d bytes each on average%n", mime / secs(t1 - t0), out.count / mime);
        System.out.println("(sink " + (sink % 10) + ")");
    }

    private static MimeMessage compose(MailComposer composer, TemplateIssueMail mail, IssueModel issue, String url, int i,
            Instant date) throws Exception {
        return composer.compose("reader" + i + "@example.com", issue.newsletterName(), mail.render(issue, url), url,
                composer.messageId(1, i), date);
    }

    /** The baseline: find the marker, append the pieces and the value to a StringBuilder. */
    static String substitute(String template, String value) {
        StringBuilder sb = new StringBuilder(template.length() + 64);
        int from = 0;
        int at;
        while ((at = template.indexOf(MARKER, from)) >= 0) {
            sb.append(template, from, at).append(value);
            from = at + MARKER.length();
        }
        return sb.append(template, from, template.length()).toString();
    }

    private static void renderAll(Renderer r, IssueModel issue) {
        r.webPage(issue);
        r.emailHtml(issue, FullSizeIssue.UNSUBSCRIBE_URL);
        r.emailText(issue, FullSizeIssue.UNSUBSCRIBE_URL);
        r.chartPng(issue);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
