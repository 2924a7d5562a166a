package dev.baton.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws a bench run as a PNG with headless AWT: tasks finished per second on top, submit-to-dispatch p50/p99 and
 * submit-to-finish p99 per second below. Stateless; needs no display ({@code java.awt.headless} is set here).
 */
final class Chart {
    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 260;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 56;

    private Chart() {}

    static void write(BenchReport report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, TOP + 2 * PANEL_HEIGHT + 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(String.format(Locale.ROOT, "baton bench: %d node(s), %s, %.0f tasks/s (ceiling %s)",
                    report.settings().nodes(), report.settings().mode(), report.tasksPerSecond(),
                    report.ceilingTasksPerSecond() == null ? "not run"
                            : String.format(Locale.ROOT, "%.0f", report.ceilingTasksPerSecond())), LEFT, 24);
            List<Timeline.Second> seconds = report.timeline();
            panel(g, seconds, TOP, "tasks finished / s", List.of(
                    new Series("finished/s", new Color(0x1f77b4), s -> s.finished())));
            panel(g, seconds, TOP + PANEL_HEIGHT + 30, "latency (ms)", List.of(
                    new Series("dispatch p50", new Color(0x2ca02c), Timeline.Second::dispatchP50Ms),
                    new Series("dispatch p99", new Color(0xff7f0e), Timeline.Second::dispatchP99Ms),
                    new Series("finish p99", new Color(0xd62728), Timeline.Second::finishP99Ms)));
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private record Series(String name, Color color, ToDoubleFunction<Timeline.Second> value) {}

    private static void panel(Graphics2D g, List<Timeline.Second> seconds, int top, String title, List<Series> series) {
        int width = WIDTH - LEFT - RIGHT;
        int height = PANEL_HEIGHT - 40;
        double max = 0;
        for (Series s : series) {
            for (Timeline.Second second : seconds) {
                max = Math.max(max, s.value.applyAsDouble(second));
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 4; i++) {
            int y = top + height - height * i / 4;
            g.drawLine(LEFT, y, LEFT + width, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, max >= 100 ? "%.0f" : "%.1f", max * i / 4), 8, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, width, height);
        g.drawString(title + "   (x: second of the measured window, 1.." + seconds.size() + ")", LEFT, top - 6);
        int legendX = LEFT + width - 120 * series.size();
        for (Series s : series) {
            g.setColor(s.color);
            g.setStroke(new BasicStroke(2f));
            int[] xs = new int[seconds.size()];
            int[] ys = new int[seconds.size()];
            for (int i = 0; i < seconds.size(); i++) {
                xs[i] = LEFT + (seconds.size() == 1 ? width / 2 : width * i / (seconds.size() - 1));
                ys[i] = top + height - (int) (height * s.value.applyAsDouble(seconds.get(i)) / max);
            }
            g.drawPolyline(xs, ys, xs.length);
            g.fillRect(legendX, top + height + 14, 12, 12);
            g.drawString(s.name, legendX + 16, top + height + 25);
            legendX += 120;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
