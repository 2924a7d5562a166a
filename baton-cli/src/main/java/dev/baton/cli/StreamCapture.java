package dev.baton.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a child process's stream to the end, keeping either its first {@code limitBytes} (and
 * noting that more came) or only its last {@code limitBytes}. Written by one reader thread; read
 * after that thread has been joined.
 */
final class StreamCapture implements Runnable {
    private final InputStream in;
    private final int limitBytes;
    private final boolean keepTail;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean overflowed;
    private IOException error;

    private StreamCapture(InputStream in, int limitBytes, boolean keepTail) {
        this.in = in;
        this.limitBytes = limitBytes;
        this.keepTail = keepTail;
    }

    /** Keeps the first {@code limitBytes} of the stream. */
    static StreamCapture head(InputStream in, int limitBytes) {
        return new StreamCapture(in, limitBytes, false);
    }

    /** Keeps the last {@code limitBytes} of the stream. */
    static StreamCapture tail(InputStream in, int limitBytes) {
        return new StreamCapture(in, limitBytes, true);
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                keep(buffer, n);
            }
        } catch (IOException e) {
            error = e;
        }
    }

    private void keep(byte[] buffer, int n) {
        if (!keepTail) {
            int room = limitBytes - kept.size();
            kept.write(buffer, 0, Math.max(0, Math.min(room, n)));
            overflowed |= n > room;
            return;
        }
        kept.write(buffer, 0, n);
        if (kept.size() > 2 * limitBytes) {
            byte[] all = kept.toByteArray();
            kept.reset();
            kept.write(all, all.length - limitBytes, limitBytes);
            overflowed = true;
        }
    }

    /** The kept text, decoded as UTF-8; for a tail capture at most the last {@code limitBytes}. */
    String text() {
        byte[] bytes = kept.toByteArray();
        int from = keepTail ? Math.max(0, bytes.length - limitBytes) : 0;
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    /** True when the stream was longer than what was kept. */
    boolean overflowed() {
        return overflowed || (keepTail && kept.size() > limitBytes);
    }

    /** The I/O error that ended reading early, or null. */
    IOException error() {
        return error;
    }
}
