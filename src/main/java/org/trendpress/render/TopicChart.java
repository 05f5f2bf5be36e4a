package org.trendpress.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws a {@link TopicTrend} as a PNG bar chart with XChart: per topic, this month's share beside
 * the earlier months' share.
 *
 * <p>Deterministic: the same trend gives the same bytes. The picture is painted by this class
 * onto its own RGB image with fixed rendering hints (antialiasing on, fractional metrics off),
 * with one named font chosen at class load (DejaVu Sans when installed, else the JDK's logical
 * SansSerif), and written by the JDK's PNG writer with no metadata (no time, no text chunks).
 * Bytes can differ between machines with different fonts; they never differ between runs on one.
 */
public final class TopicChart {

    /** The chart's file name beside the web page, and its Content-ID in the HTML email. */
    public static final String FILE_NAME = "topics.png";
    public static final String CONTENT_ID = "topics";
    /** Pixel size: twice the 560 px it is shown at in the email, for sharp text on dense screens. */
    public static final int WIDTH = 1120;
    public static final int HEIGHT = 640;
    /** Size it is shown at (CSS pixels). */
    public static final int SHOWN_WIDTH = 560;
    public static final int SHOWN_HEIGHT = 320;

    private static final String FONT = chooseFont();
    private static final Color MONTH = new Color(0x0b, 0x57, 0xd0);
    private static final Color PREVIOUS = new Color(0x9a, 0xa0, 0xa6);
    private static final Color INK = new Color(0x1d, 0x1d, 0x1f);

    private TopicChart() {}

    private static String chooseFont() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Set<String> families = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        return families.contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }

    /**
     * @return the PNG bytes
     * @throws IllegalArgumentException if the trend has nothing to draw
     */
    public static byte[] png(TopicTrend trend) {
        if (trend == null || !trend.drawable()) {
            throw new IllegalArgumentException("topic trend has no research paper to draw");
        }
        CategoryChart chart = chart(trend);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            chart.paint(g, WIDTH, HEIGHT);
        } finally {
            g.dispose();
        }
        return write(image);
    }

    static CategoryChart chart(TopicTrend trend) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Research papers per topic (%)")
                .xAxisTitle("").yAxisTitle("share of papers (%)").build();
        Styler.ChartTheme theme = Styler.ChartTheme.XChart;
        chart.getStyler().setTheme(theme.newInstance(theme));
        var s = chart.getStyler();
        s.setAntiAlias(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridVerticalLinesVisible(false);
        s.setPlotGridLinesColor(new Color(0xe3, 0xe3, 0xe8));
        s.setPlotGridLinesStroke(new BasicStroke(2f));
        s.setChartFontColor(INK);
        s.setAxisTickLabelsColor(INK);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 30));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 22));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 18));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 22));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setXAxisLabelRotation(40);
        s.setXAxisLabelAlignmentVertical(org.knowm.xchart.style.AxesChartStyler.TextAlignment.Right);
        s.setYAxisMin(0.0);
        s.setYAxisDecimalPattern("0");
        s.setAvailableSpaceFill(0.8);
        s.setOverlapped(false);
        s.setToolTipsEnabled(false);
        s.setChartPadding(16);

        boolean previous = trend.hasPrevious();
        List<String> labels = new ArrayList<>();
        List<Integer> month = new ArrayList<>();
        List<Integer> before = new ArrayList<>();
        for (TopicTrend.TopicShare share : trend.topics()) {
            labels.add(share.topic());
            month.add(trend.monthPercent(share));
            before.add(trend.previousPercent(share));
        }
        if (labels.isEmpty()) { // a trend with totals but no topic line: draw an empty axis
            labels = Arrays.asList("—");
            month = Arrays.asList(0);
            before = Arrays.asList(0);
        }
        int highest = 0;
        for (int i = 0; i < month.size(); i++) {
            highest = Math.max(highest, Math.max(month.get(i), previous ? before.get(i) : 0));
        }
        s.setYAxisMax((double) Math.max(10, (highest / 10 + 1) * 10)); // headroom above the tallest bar
        chart.addSeries(trend.monthLabel(), labels, month).setFillColor(MONTH);
        if (previous) {
            chart.addSeries(trend.previousLabel(), labels, before).setFillColor(PREVIOUS);
        }
        return chart;
    }

    private static byte[] write(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            // the default metadata of an RGB image: no tIME, no tEXt; nothing varies between runs
            writer.write(null, new IIOImage(image, null,
                    writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param)), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode topic chart: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
