package dev.baton.server.tls;

import java.nio.file.Path;

/**
 * Where a node's TLS material lives. All paths are PEM files; null means unset.
 *
 * @param certFile this node's certificate chain (its own certificate first); with {@code keyFile}, turns HTTPS on
 * @param keyFile this node's private key (unencrypted PKCS#8)
 * @param caFile the CAs that sign the other nodes' certificates: the forwarder and Raft trust only these (null:
 *     the JDK's default trust store for HTTPS to peers; Raft then needs it)
 * @param clientCaFile when set, the HTTP API asks every client for a certificate signed by one of these CAs
 * @param raftMutualTls Raft peers talk TLS with client certificates both ways (needs {@code caFile})
 * @param reloadCheckMs how often the files are checked for changes; changed files are loaded without a restart
 */
public record TlsSettings(Path certFile, Path keyFile, Path caFile, Path clientCaFile, boolean raftMutualTls,
                          long reloadCheckMs) {
    public static final long DEFAULT_RELOAD_CHECK_MS = 10_000;
    public static final TlsSettings NONE = new TlsSettings(null, null, null, null, false, DEFAULT_RELOAD_CHECK_MS);

    public TlsSettings {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls.certFile and tls.keyFile go together: set both or neither");
        }
        if (certFile == null && (caFile != null || clientCaFile != null || raftMutualTls)) {
            throw new IllegalArgumentException("tls.caFile, tls.clientCaFile and tls.raftMutualTls need "
                    + "tls.certFile and tls.keyFile");
        }
        if (raftMutualTls && caFile == null) {
            throw new IllegalArgumentException("tls.raftMutualTls needs tls.caFile: the CA that signs every "
                    + "node's certificate");
        }
        if (reloadCheckMs < 100) {
            throw new IllegalArgumentException("tls.reloadCheckMs must be at least 100");
        }
    }

    /** HTTPS (and the rest) with the same files for a node, mutual TLS between Raft peers on. */
    public static TlsSettings mutual(Path certFile, Path keyFile, Path caFile) {
        return new TlsSettings(certFile, keyFile, caFile, null, true, DEFAULT_RELOAD_CHECK_MS);
    }

    public boolean enabled() {
        return certFile != null;
    }

    /** The scheme of this node's API: {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }
}
