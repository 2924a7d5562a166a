package dev.baton.bench.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The peer versions this build of baton-bench links, from {@code bench-versions.properties} (filled in by Maven). */
final class Versions {
    private static final Properties VERSIONS = load();

    private Versions() {}

    static String of(String peer) {
        return VERSIONS.getProperty(peer, "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/bench-versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
