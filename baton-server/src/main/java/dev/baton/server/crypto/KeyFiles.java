package dev.baton.server.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes key files in the {@link KeyRing} format: a new file with one active key, one more key appended to an
 * existing file (optionally made active), or another key made active. Each write goes to a {@code 0600} temporary
 * file in the same directory that then replaces the file atomically, so a node reloading it never reads half a file. Used by {@code baton
 * encryption new-key}. Not thread-safe against other writers of the same file.
 */
public final class KeyFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {}

    /**
     * What a write did.
     *
     * @param keyId the id of the key added
     * @param activeId the active key id the file now names
     * @param created whether the file was new
     */
    public record Added(String keyId, String activeId, boolean created) {}

    /**
     * Adds a fresh random AES-256 key to {@code file}, creating it (the key then active) if missing. {@code keyId}
     * null picks {@code k<n>}, the first such id the file does not hold.
     *
     * @throws IllegalArgumentException when the existing file does not parse, the id is taken or not valid
     */
    public static Added addKey(Path file, String keyId, boolean activate) throws IOException {
        boolean created = !Files.exists(file);
        List<String> lines = created ? new ArrayList<>() : new ArrayList<>(Files.readAllLines(file,
                StandardCharsets.UTF_8));
        KeyRing existing = created ? null : KeyRing.parse(file.toString(), lines);
        String id = keyId != null ? keyId : freeId(existing);
        if (!KeyRing.isValidId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a key id: 1 to 64 of A-Z a-z 0-9 _ . -, starting "
                    + "with a letter or digit, not 'active' or 'none'");
        }
        if (existing != null && existing.ids().contains(id)) {
            throw new IllegalArgumentException(file + " already holds a key '" + id + "'; pick another --id");
        }
        String line = id + "=" + Base64.getEncoder().encodeToString(randomKey());
        String active = created || activate ? id
                : existing.activeId() == null ? KeyRing.NONE : existing.activeId();
        if (created) {
            lines.add("# Baton encryption keys (docs/security.md#encryption-at-rest). Keep this file 0600.");
            lines.add(line);
            lines.add("active=" + id);
        } else {
            int activeLine = activeLineIndex(lines);
            lines.add(activeLine, line);
            if (activate) {
                lines.set(activeLine + 1, "active=" + id);
            }
        }
        KeyRing.parse(file.toString(), lines);
        write(file, lines);
        return new Added(id, active, created);
    }

    /**
     * Makes {@code keyId}, which {@code file} must hold, the active key ({@code none}: seal nothing); returns the id
     * that was active before.
     *
     * @throws IllegalArgumentException when the file does not parse or holds no such key
     */
    public static String activate(Path file, String keyId) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        KeyRing existing = KeyRing.parse(file.toString(), lines);
        if (!keyId.equals(KeyRing.NONE) && !existing.ids().contains(keyId)) {
            throw new IllegalArgumentException(file + " holds no key '" + keyId + "' (it has " + existing.ids() + ")");
        }
        lines.set(activeLineIndex(lines), "active=" + keyId);
        KeyRing.parse(file.toString(), lines);
        write(file, lines);
        return existing.activeId() == null ? KeyRing.NONE : existing.activeId();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[KeyRing.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    private static String freeId(KeyRing existing) {
        for (int n = 1; ; n++) {
            if (existing == null || !existing.ids().contains("k" + n)) {
                return "k" + n;
            }
        }
    }

    /** The index of the {@code active=} line (a parsed file has exactly one). */
    private static int activeLineIndex(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("active") && line.substring("active".length()).strip().startsWith("=")) {
                return i;
            }
        }
        throw new IllegalStateException("a parsed key file has an active= line");
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, ownerOnly(dir));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(temp + " appeared while writing; is another new-key running?", e);
        }
        Files.write(temp, lines, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------"))}
                : new FileAttribute<?>[0];
    }
}
