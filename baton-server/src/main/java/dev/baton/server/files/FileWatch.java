package dev.baton.server.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads files named by the config without a restart: runs a check every {@code intervalMs} on one daemon
 * thread, and gives a cheap {@link #fingerprint} (modification time and size) to tell whether the files changed.
 * Used for the TLS files and the encryption key file. The check must not throw; it reports its own failures.
 */
public final class FileWatch implements AutoCloseable {
    private final ScheduledExecutorService thread;

    private FileWatch(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /** Starts running {@code check} every {@code intervalMs} on a daemon thread named {@code threadName}. */
    public static FileWatch every(String threadName, long intervalMs, Runnable check) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(threadName).daemon().factory());
        thread.scheduleWithFixedDelay(check, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return new FileWatch(thread);
    }

    /** Modification time and size of every file (null entries and missing files included), in order. */
    public static List<String> fingerprint(Path... files) throws IOException {
        List<String> parts = new ArrayList<>();
        for (Path file : files) {
            if (file != null && Files.exists(file)) {
                parts.add(file + "@" + Files.getLastModifiedTime(file).toInstant() + "/" + Files.size(file));
            } else {
                parts.add(Objects.toString(file) + "@missing");
            }
        }
        return parts;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
