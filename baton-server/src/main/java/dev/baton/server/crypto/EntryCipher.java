package dev.baton.server.crypto;

import dev.baton.server.files.FileWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals what a node writes to disk (Raft log entries, snapshot files) and opens what it reads back, with the key
 * ring of a key file that is reloaded when it changes. Without a key file ({@link #plain}) it seals nothing and
 * opens only plain bytes. Plain bytes ({@code 'B'} entries and snapshots written before encryption was switched on)
 * always open as they are, so encryption can be turned on for a running cluster. Sealed bytes that cannot be
 * opened (unknown key id, failed tag, encryption not configured) throw {@link SealedDataException}: never garbage,
 * never a silent skip. Format: {@link SealedBytes}.
 *
 * <p>Threading: {@link #seal} and {@link #open} may run on any thread; a reload swaps the whole ring at once.
 * Key bytes never leave this package: status, logs and messages carry key ids only.
 */
public final class EntryCipher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EntryCipher.class);
    static final String SERVER_SETTING = "encryption.keyFile (BATON_ENCRYPTION_KEY_FILE)";

    private final Path keyFile;
    private final String keysFrom;
    private final String notConfigured;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong reloads = new AtomicLong();
    private volatile KeyRing ring;
    private List<String> fingerprint;
    private FileWatch watch;

    private EntryCipher(Path keyFile, String keysFrom, String notConfigured, KeyRing ring, List<String> fingerprint) {
        this.keyFile = keyFile;
        this.keysFrom = keysFrom;
        this.notConfigured = notConfigured;
        this.ring = ring;
        this.fingerprint = fingerprint;
    }

    /** No encryption: seals nothing; sealed bytes fail with "encryption is not configured" and {@code hint}. */
    public static EntryCipher plain(String hint) {
        return new EntryCipher(null, null, hint, null, null);
    }

    /** No encryption on a server: the hint names {@code encryption.keyFile}. */
    public static EntryCipher plain() {
        return plain("set " + SERVER_SETTING + " to a key file holding that key");
    }

    /** A server's cipher for {@code settings}: plain when no key file is set, else the file's keys. */
    public static EntryCipher of(EncryptionSettings settings) throws IOException {
        return settings.enabled() ? load(settings.keyFile(), "encryption.keyFile") : plain();
    }

    /**
     * Loads the key file; {@code setting} names how it was given (a config key or a CLI option) in messages.
     * Warns when group or others may read the file.
     *
     * @throws IllegalArgumentException naming the setting, file, line and problem
     */
    public static EntryCipher load(Path keyFile, String setting) throws IOException {
        String keysFrom = setting + " (" + keyFile + ")";
        if (!Files.isRegularFile(keyFile)) {
            throw new IllegalArgumentException(keysFrom + " does not exist or is not a file; make one with "
                    + "`baton encryption new-key --key-file " + keyFile + " --activate`");
        }
        permissionProblem(keyFile).ifPresent(problem -> LOG.warn("{}: {}", keysFrom, problem));
        List<String> fingerprint = FileWatch.fingerprint(keyFile);
        KeyRing ring;
        try {
            ring = KeyRing.load(keyFile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
        return new EntryCipher(keyFile, keysFrom, null, ring, fingerprint);
    }

    /** Starts checking the key file every {@code intervalMs}; a changed file that loads replaces the ring. */
    public EntryCipher watch(long intervalMs) {
        if (keyFile != null) {
            watch = FileWatch.every("baton-key-reload", intervalMs, this::reloadIfChanged);
        }
        return this;
    }

    /** True when new data is sealed: a key file is configured and names an active key. */
    public boolean enabled() {
        KeyRing current = ring;
        return current != null && current.activeId() != null;
    }

    /** {@code plain} sealed with the active key, or {@code plain} itself without encryption or with active=none. */
    public byte[] seal(byte[] plain) {
        KeyRing current = ring;
        if (current == null || current.activeId() == null) {
            return plain;
        }
        return SealedBytes.seal(current.activeId(), current.activeKey(), plain, random);
    }

    /**
     * The plain bytes of {@code stored}: plain bytes as they are, sealed bytes opened with the key their header
     * names. An unknown key id makes it re-read the key file once first (the file may have changed since the last
     * check).
     *
     * @throws SealedDataException naming the key id and the key file setting when the bytes cannot be opened
     */
    public byte[] open(byte[] stored) {
        if (!SealedBytes.isSealed(stored)) {
            return stored;
        }
        String keyId = SealedBytes.header(stored).keyId();
        if (ring == null) {
            throw new SealedDataException("data sealed with key '" + keyId + "' but encryption is not configured on "
                    + "this node: " + notConfigured);
        }
        SecretKey key = ring.key(keyId);
        if (key == null && reloadIfChanged()) {
            key = ring.key(keyId);
        }
        if (key == null) {
            throw new SealedDataException("data sealed with key '" + keyId + "', which " + keysFrom + " does not "
                    + "hold (it has " + ring.ids() + "): add that key to the file on this node; nothing was applied");
        }
        return SealedBytes.open(stored, key, keysFrom);
    }

    /** Loads the key file again if it changed; true when a new ring is now in use. A bad file keeps the old ring. */
    public synchronized boolean reloadIfChanged() {
        if (keyFile == null) {
            return false;
        }
        try {
            List<String> now = FileWatch.fingerprint(keyFile);
            if (now.equals(fingerprint)) {
                return false;
            }
            KeyRing next = KeyRing.load(keyFile);
            KeyRing previous = ring;
            fingerprint = now;
            ring = next;
            reloads.incrementAndGet();
            LOG.info("{} changed: reloaded, active key '{}', keys {}", keysFrom,
                    next.activeId() == null ? KeyRing.NONE : next.activeId(), next.ids());
            previous.ids().stream().filter(id -> !next.ids().contains(id)).forEach(id -> LOG.warn("{} no longer "
                    + "holds key '{}': log entries and snapshots still sealed with it cannot be opened", keysFrom, id));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{} changed but cannot be loaded; keeping the keys in use: {}", keysFrom, e.getMessage());
            return false;
        }
    }

    /** What this node encrypts with, for status routes: ids only, never key bytes. */
    public Status status() {
        KeyRing current = ring;
        return current == null ? new Status(false, null, null, List.of(), reloads.get())
                : new Status(current.activeId() != null, keyFile.toString(), current.activeId(),
                        List.copyOf(current.ids()), reloads.get());
    }

    /**
     * @param enabled whether new log entries and snapshots are sealed
     * @param keyFile the key file's path, or null
     * @param activeKeyId the id of the key that seals, or null (no key file, or {@code active=none})
     * @param keyIds every key id this node can open with
     * @param reloads how many times a changed key file was loaded since start
     */
    public record Status(boolean enabled, String keyFile, String activeKeyId, List<String> keyIds, long reloads) {}

    /** A problem with the file's permissions (readable or writable by group or others), if any. */
    static Optional<String> permissionProblem(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
        Set<PosixFilePermission> open = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        return mode.stream().anyMatch(open::contains)
                ? Optional.of("group or others may access this key file (mode " + PosixFilePermissions.toString(mode)
                        + "); make it readable by the node's user only: chmod 600")
                : Optional.empty();
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
