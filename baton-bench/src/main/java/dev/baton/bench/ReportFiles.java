package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.bench.peer.PeerResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link BenchReport} into a directory: {@code bench.json} (the whole report), {@code bench-summary.csv}
 * (one row per system: Baton, the Raft ceiling, each peer), {@code bench-timeline.csv} (one row per second) and
 * {@code bench.png} (throughput and latency over time, see {@link Chart}). Stateless.
 */
final class ReportFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {}

    /** Writes every file; returns the paths written (the chart is left out, with a warning, where AWT cannot draw). */
    static List<Path> write(BenchReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve("bench.json");
        JSON.writeValue(json.toFile(), report);
        written.add(json);
        written.add(Files.writeString(dir.resolve("bench-summary.csv"), summaryCsv(report)));
        written.add(Files.writeString(dir.resolve("bench-timeline.csv"), timelineCsv(report)));
        Path png = dir.resolve("bench.png");
        try {
            Chart.write(report, png);
            written.add(png);
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println("baton bench: no chart (" + e + ")");
        }
        return written;
    }

    static String summaryCsv(BenchReport r) {
        StringBuilder out = new StringBuilder("system,status,tasks_per_second,dispatch_p50_ms,dispatch_p99_ms,"
                + "finish_p50_ms,finish_p99_ms,baton_over_system,reason\n");
        out.append(String.format(Locale.ROOT, "baton,ran,%.1f,%.2f,%.2f,%.2f,%.2f,1.00,%n", r.tasksPerSecond(),
                r.dispatchP50Ms(), r.dispatchP99Ms(), r.finishP50Ms(), r.finishP99Ms()));
        if (r.ceilingTasksPerSecond() != null) {
            out.append(String.format(Locale.ROOT, "raft-ceiling,ran,%.1f,,,%.2f,%.2f,%.3f,%s%n",
                    r.ceilingTasksPerSecond(), r.ceiling().commitP50Ms(), r.ceiling().commitP99Ms(),
                    r.batonOverCeiling(), CeilingRun.COMMANDS_PER_TASK + " no-op commands per task"));
        }
        for (PeerResult p : r.peers()) {
            String ratio = p.ran() && p.jobsPerSecond() > 0
                    ? String.format(Locale.ROOT, "%.2f", r.tasksPerSecond() / p.jobsPerSecond()) : "";
            out.append(String.format(Locale.ROOT, "%s,%s,%.1f,,,,,%s,%s%n", p.name(), p.status(), p.jobsPerSecond(),
                    ratio, csv(p.reason())));
        }
        return out.toString();
    }

    static String timelineCsv(BenchReport r) {
        StringBuilder out = new StringBuilder("second,finished,dispatch_p50_ms,dispatch_p99_ms,finish_p50_ms,"
                + "finish_p99_ms\n");
        for (Timeline.Second s : r.timeline()) {
            out.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f%n", s.second(), s.finished(),
                    s.dispatchP50Ms(), s.dispatchP99Ms(), s.finishP50Ms(), s.finishP99Ms()));
        }
        return out.toString();
    }

    private static String csv(String text) {
        return text == null ? "" : '"' + text.replace("\"", "\"\"") + '"';
    }
}
