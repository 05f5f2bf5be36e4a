package org.trendpress.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The share of research papers per Topic in an Issue's month against the months before it: what
 * the topic-trend chart draws and what its alt text and the plain-text email say in numbers. A
 * paper counts once, under its main topic, so the shares of one period add up to 100%.
 *
 * @param monthLabel    e.g. "October 2026"
 * @param previousLabel the earlier months, e.g. "May–September 2026"; null when there are none
 * @param monthTotal    research papers of the month that have a topic
 * @param previousTotal research papers of the earlier months that have a topic
 * @param topics        one line per topic seen in either period, in the order to show them
 */
public record TopicTrend(String monthLabel, String previousLabel, int monthTotal, int previousTotal,
        List<TopicShare> topics) {

    /** Whether there are earlier months to compare with (a label and at least one paper). */
    public boolean hasPrevious() {
        return previousLabel != null && previousTotal > 0;
    }

    /**
     * One topic's counts.
     *
     * @param topic    the topic's label, e.g. "Computer vision"
     * @param month    papers of the month under this topic
     * @param previous papers of the earlier months under this topic
     */
    public record TopicShare(String topic, int month, int previous) {}

    public TopicTrend {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** Whether there is anything to draw (at least one research paper with a topic). */
    public boolean drawable() {
        return monthTotal > 0 || previousTotal > 0;
    }

    /** This month's share of {@code s} in whole percent (0 when the month has no paper). */
    public int monthPercent(TopicShare s) {
        return percent(s.month(), monthTotal);
    }

    /** The earlier months' share of {@code s} in whole percent (0 when there were none). */
    public int previousPercent(TopicShare s) {
        return percent(s.previous(), previousTotal);
    }

    static int percent(int part, int total) {
        return total <= 0 ? 0 : (int) Math.round(100.0 * part / total);
    }

    /**
     * The chart in words, for its alt text and the text email: "Share of research papers per topic,
     * October 2026 (10 papers) against May–September 2026 (83 papers): Language 30% (24%), …".
     */
    public String description() {
        StringBuilder sb = new StringBuilder("Share of research papers per topic, ")
                .append(monthLabel).append(" (").append(papers(monthTotal)).append(')');
        if (hasPrevious()) {
            sb.append(" against ").append(previousLabel).append(" (").append(papers(previousTotal)).append(')');
        }
        sb.append(": ");
        List<String> parts = new ArrayList<>();
        for (TopicShare s : topics) {
            String part = s.topic() + " " + monthPercent(s) + "%";
            if (hasPrevious()) {
                part += " (" + previousPercent(s) + "%)";
            }
            parts.add(part);
        }
        sb.append(parts.isEmpty() ? "none" : String.join(", ", parts)).append('.');
        return sb.toString();
    }

    /** Lines of a small table for the text email: topic, this month, earlier months. */
    public List<String> textRows() {
        boolean previous = hasPrevious();
        int width = "Topic".length();
        for (TopicShare s : topics) {
            width = Math.max(width, s.topic().length());
        }
        List<String> rows = new ArrayList<>();
        String format = "%-" + width + "s  %8s" + (previous ? "  %8s" : "");
        rows.add(String.format(Locale.ROOT, format, "Topic", "month", "before").stripTrailing());
        for (TopicShare s : topics) {
            rows.add(String.format(Locale.ROOT, format, s.topic(), monthPercent(s) + "%", previousPercent(s) + "%")
                    .stripTrailing());
        }
        return rows;
    }

    private static String papers(int n) {
        return n + (n == 1 ? " paper" : " papers");
    }
}
