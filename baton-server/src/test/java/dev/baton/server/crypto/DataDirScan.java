package dev.baton.server.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the files under a directory whose raw bytes hold a string: the test of what reaches the disk in the clear. */
public final class DataDirScan {
    private DataDirScan() {}

    /** Every regular file under {@code dir} whose bytes contain {@code marker} (ASCII). */
    public static List<Path> filesHolding(Path dir, String marker) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> read(file).contains(marker)).toList();
        }
    }

    /** The file's bytes one char each, so a byte sequence search is a string search. */
    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
