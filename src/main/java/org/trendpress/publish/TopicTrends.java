package org.trendpress.publish;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.trendpress.classify.Topic;
import org.trendpress.render.TopicTrend;

/**
 * Works out an Issue's {@link TopicTrend} from the database: every Paper with a topic, counted
 * once under its main topic (its most confident one; ties go to the taxonomy's order), by the
 * month it was published (UTC), for the Issue's month and the {@link #PREVIOUS_MONTHS} before it.
 */
final class TopicTrends {

    static final int PREVIOUS_MONTHS = 5;
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.ENGLISH);

    private final Jdbi jdbi;

    TopicTrends(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    TopicTrend of(YearMonth month) {
        YearMonth first = month.minusMonths(PREVIOUS_MONTHS);
        OffsetDateTime from = first.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        record Row(long paper, OffsetDateTime publishedAt, String topic, double confidence) {}
        List<Row> rows = jdbi.withHandle(h -> h.createQuery(
                        "SELECT p.id, p.published_at, t.topic, t.confidence FROM papers p"
                                + " JOIN paper_topics t ON t.paper_id = p.id"
                                + " WHERE p.published_at >= :from AND p.published_at < :to")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getDouble(4)))
                .list());
        record Main(Topic topic, double confidence, boolean thisMonth) {}
        Map<Long, Main> main = new HashMap<>();
        for (Row r : rows) {
            Topic topic = Topic.fromCode(r.topic()).orElse(null);
            if (topic == null) {
                continue;
            }
            boolean thisMonth = YearMonth.from(r.publishedAt().withOffsetSameInstant(ZoneOffset.UTC)).equals(month);
            Main old = main.get(r.paper());
            if (old == null || r.confidence() > old.confidence()
                    || (r.confidence() == old.confidence() && topic.ordinal() < old.topic().ordinal())) {
                main.put(r.paper(), new Main(topic, r.confidence(), thisMonth));
            }
        }
        return trend(month, main.values().stream().filter(Main::thisMonth).map(Main::topic).toList(),
                main.values().stream().filter(m -> !m.thisMonth()).map(Main::topic).toList());
    }

    /** The trend from the main topics of this month's papers and of the earlier months' papers. */
    static TopicTrend trend(YearMonth month, List<Topic> thisMonth, List<Topic> before) {
        Map<Topic, int[]> counts = new LinkedHashMap<>();
        for (Topic t : Topic.values()) {
            counts.put(t, new int[2]);
        }
        thisMonth.forEach(t -> counts.get(t)[0]++);
        before.forEach(t -> counts.get(t)[1]++);
        List<TopicTrend.TopicShare> shares = new ArrayList<>();
        counts.forEach((t, c) -> {
            if (c[0] > 0 || c[1] > 0) {
                shares.add(new TopicTrend.TopicShare(t.label(), c[0], c[1]));
            }
        });
        shares.sort(Comparator.comparingInt(TopicTrend.TopicShare::month).reversed()
                .thenComparing(Comparator.comparingInt(TopicTrend.TopicShare::previous).reversed()));
        String previousLabel = before.isEmpty() ? null : previousLabel(month);
        return new TopicTrend(MONTH_YEAR.format(month), previousLabel, thisMonth.size(), before.size(), shares);
    }

    /** "May–September 2026", or "November 2025–March 2026" across a new year. */
    static String previousLabel(YearMonth month) {
        YearMonth first = month.minusMonths(PREVIOUS_MONTHS);
        YearMonth last = month.minusMonths(1);
        return first.getYear() == last.getYear()
                ? MONTH.format(first) + "–" + MONTH_YEAR.format(last)
                : MONTH_YEAR.format(first) + "–" + MONTH_YEAR.format(last);
    }
}
