package dev.baton.client;

import java.nio.file.Path;

/**
 * A snapshot downloaded by {@link BatonClient#downloadSnapshot}: the file written, its name as the node calls it
 * ({@code snapshot.<term>_<index>}, what {@code baton restore} expects), the log position it covers, its size,
 * its SHA-256 (checked against the node's) and the node it came from.
 */
public record SnapshotBackup(Path file, String name, long term, long index, long sizeBytes, String sha256,
                             String nodeUrl) {}
