package org.trendpress.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class TopicChartTest {

    private final TopicTrend trend = SampleIssue.trend();

    @Test
    void sameTrendSameBytes() {
        byte[] first = TopicChart.png(trend);
        byte[] again = TopicChart.png(new TopicTrend(trend.monthLabel(), trend.previousLabel(), trend.monthTotal(),
                trend.previousTotal(), new ArrayList<>(trend.topics())));
        assertThat(again).isEqualTo(first);
        assertThat(new Renderer(java.nio.file.Path.of("templates")).chartPng(SampleIssue.october2026())).isEqualTo(first);
    }

    @Test
    void aFreshJvmDrawsTheSameBytes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                DrawSample.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] bytes;
        try {
            bytes = child.getInputStream().readAllBytes();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isZero();
        assertThat(bytes).isEqualTo(TopicChart.png(trend));
    }

    /** Run in a child JVM by {@link #aFreshJvmDrawsTheSameBytes()}: writes the sample chart to stdout. */
    public static final class DrawSample {
        public static void main(String[] args) throws Exception {
            System.out.write(TopicChart.png(SampleIssue.trend()));
            System.out.flush();
        }
    }

    @Test
    void aPngOfTheDeclaredSizeWithoutTimeOrTextChunks() throws Exception {
        byte[] png = TopicChart.png(trend);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(TopicChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(TopicChart.HEIGHT);
        assertThat(chunks(png)).doesNotContain("tIME", "tEXt", "zTXt", "iTXt").contains("IHDR", "IDAT", "IEND");
        assertThat(TopicChart.WIDTH).isEqualTo(2 * TopicChart.SHOWN_WIDTH);
        assertThat(TopicChart.HEIGHT).isEqualTo(2 * TopicChart.SHOWN_HEIGHT);
    }

    @Test
    void differentDataDifferentPicture() {
        TopicTrend other = new TopicTrend("October 2026", null, 3, 0,
                List.of(new TopicTrend.TopicShare("Language", 3, 0)));
        assertThat(TopicChart.png(other)).isNotEqualTo(TopicChart.png(trend));
    }

    @Test
    void nothingToDrawIsRefused() {
        assertThatThrownBy(() -> TopicChart.png(new TopicTrend("October 2026", null, 0, 0, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNumbersInWords() {
        assertThat(trend.description()).isEqualTo("Share of research papers per topic, October 2026 (20 papers)"
                + " against May–September 2026 (96 papers): Language 35% (31%), Computer vision 20% (23%),"
                + " RL and robotics 15% (9%), Core ML 15% (18%), Speech and audio 10% (6%),"
                + " Safety and security 5% (13%).");
        TopicTrend alone = new TopicTrend("October 2026", null, 1, 0, List.of(new TopicTrend.TopicShare("Language", 1, 0)));
        assertThat(alone.description()).isEqualTo("Share of research papers per topic, October 2026 (1 paper): Language 100%.");
        assertThat(alone.textRows()).containsExactly("Topic        month", "Language      100%");
    }

    private static List<String> chunks(byte[] png) {
        List<String> names = new ArrayList<>();
        int at = 8;
        while (at + 8 <= png.length) {
            int length = ((png[at] & 0xff) << 24) | ((png[at + 1] & 0xff) << 16) | ((png[at + 2] & 0xff) << 8) | (png[at + 3] & 0xff);
            names.add(new String(png, at + 4, 4, StandardCharsets.US_ASCII));
            at += 12 + length;
        }
        return names;
    }
}
