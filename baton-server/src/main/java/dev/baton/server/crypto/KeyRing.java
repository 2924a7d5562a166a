package dev.baton.server.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys of an encryption key file, by id, and which one seals new data. Every key in the ring opens
 * what it sealed; only the active one seals. Immutable; {@link #toString} shows ids, never key bytes.
 *
 * <p>The file format, one entry per line, blank lines and lines starting with {@code #} ignored:
 * <pre>
 * # baton encryption keys: keep this file 0600
 * k1=base64 of 32 random bytes
 * k2=base64 of 32 random bytes
 * active=k2
 * </pre>
 * A key id is 1 to 64 characters of {@code [A-Za-z0-9_.-]}, starting with a letter or digit; {@code active} and
 * {@code none} are reserved. Exactly one {@code active=} line names a key of the file, or {@code active=none}: the
 * keys then open what they sealed but nothing new is sealed (to switch encryption on across a cluster before any
 * node seals, or to switch it off).
 */
public final class KeyRing {
    public static final int KEY_BYTES = 32;
    static final int MAX_ID_BYTES = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String ACTIVE = "active";
    /** The {@code active=} value that seals nothing. */
    public static final String NONE = "none";

    private final Map<String, SecretKey> keys;
    private final String activeId;

    private KeyRing(Map<String, SecretKey> keys, String activeId) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.activeId = activeId;
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong with it (never a key's value)
     * @throws IOException when the file cannot be read
     */
    public static KeyRing load(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Parses the lines of a key file; {@code source} names the file in messages. */
    static KeyRing parse(String source, List<String> lines) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        int activeLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String at = source + " line " + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(at + "expected <keyId>=<base64 key> or active=<keyId>");
            }
            String name = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (name.equals(ACTIVE)) {
                if (active != null) {
                    throw new IllegalArgumentException(at + "a second active= line (the first is line " + activeLine
                            + "); keep one");
                }
                active = value;
                activeLine = i + 1;
                continue;
            }
            if (!isValidId(name)) {
                throw new IllegalArgumentException(at + "'" + name + "' is not a key id: 1 to 64 of A-Z a-z 0-9 _ . -"
                        + ", starting with a letter or digit, not 'none'");
            }
            if (keys.containsKey(name)) {
                throw new IllegalArgumentException(at + "key id '" + name + "' appears twice; each id names one key");
            }
            keys.put(name, key(at, name, value));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no key; make one with `baton encryption new-key "
                    + "--key-file " + source + " --activate`");
        }
        if (active == null) {
            throw new IllegalArgumentException(source + ": no active=<keyId> line; name the key that seals new data "
                    + "(one of " + keys.keySet() + "), or active=none to seal nothing");
        }
        if (active.equals(NONE)) {
            return new KeyRing(keys, null);
        }
        if (!keys.containsKey(active)) {
            throw new IllegalArgumentException(source + " line " + activeLine + ": active=" + active + " names no key "
                    + "of the file (it has " + keys.keySet() + ")");
        }
        return new KeyRing(keys, active);
    }

    private static SecretKey key(String at, String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + "the value of key '" + id + "' is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(at + "key '" + id + "' is " + bytes.length + " bytes; AES-256 needs "
                    + KEY_BYTES + " (base64 of 32 random bytes, as `baton encryption new-key` writes)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** The id of the key that seals new data, or null with {@code active=none}. */
    public String activeId() {
        return activeId;
    }

    /** Every key id, in file order. */
    public Set<String> ids() {
        return keys.keySet();
    }

    /** The key for {@code id}, or null when the ring has none by that id. */
    SecretKey key(String id) {
        return keys.get(id);
    }

    /** The active key, or null with {@code active=none}. */
    SecretKey activeKey() {
        return activeId == null ? null : keys.get(activeId);
    }

    /** True when the id is acceptable in a key file (and so in a sealed header). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.equals(ACTIVE) && !id.equals(NONE);
    }

    @Override
    public String toString() {
        return "KeyRing[active=" + (activeId == null ? NONE : activeId) + ", ids=" + keys.keySet() + "]";
    }
}
