package dev.baton.server.tls;

import java.nio.file.Path;
import java.util.List;

/** Development certificate sets for tests: {@code ca.pem} and {@code <node>.pem}/{@code <node>-key.pem}. */
public final class TestCerts {
    private TestCerts() {}

    /** Writes a fresh CA and a certificate per node into {@code dir}. */
    public static Path write(Path dir, String... nodes) throws Exception {
        DevCertificates.writeDevSet(dir, List.of(nodes), List.of());
        return dir;
    }

    /** TLS settings for {@code node} from a set written by {@link #write}: HTTPS and Raft mutual TLS. */
    public static TlsSettings settings(Path dir, String node) {
        return TlsSettings.mutual(dir.resolve(node + ".pem"), dir.resolve(node + "-key.pem"), dir.resolve("ca.pem"));
    }
}
