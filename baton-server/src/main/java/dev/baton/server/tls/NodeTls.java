package dev.baton.server.tls;

import dev.baton.server.files.FileWatch;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's live TLS material, loaded from the PEM files of {@link TlsSettings} and reloaded when they change:
 * one key manager (this node's certificate, shown to clients and to peers) and trust managers for the peers' CA
 * and the API clients' CA. The HTTPS listener, the HTTP client that forwards to the leader and Raft's gRPC all hold
 * the same reloading managers, so a renewed certificate is used by the next handshake of each, without a restart;
 * connections already open keep theirs. A file that fails to load (half written, wrong key) is reported and the
 * material in use is kept; the next check tries again.
 *
 * <p>Threading: one daemon thread checks the files every {@code reloadCheckMs}; the managers are thread-safe.
 */
public final class NodeTls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeTls.class);
    private static final char[] NO_PASSWORD = new char[0];

    private final TlsSettings settings;
    private final ReloadingKeyManager keys;
    private final ReloadingTrustManager peerTrust;
    private final ReloadingTrustManager clientTrust;
    private final AtomicLong reloads = new AtomicLong();
    private volatile List<String> fingerprint;
    private FileWatch watcher;

    private NodeTls(TlsSettings settings, Material material) {
        this.settings = settings;
        this.keys = new ReloadingKeyManager(material.keys());
        this.peerTrust = new ReloadingTrustManager(material.peerTrust());
        this.clientTrust = material.clientTrust() == null ? null : new ReloadingTrustManager(material.clientTrust());
        this.fingerprint = material.fingerprint();
    }

    /**
     * Loads the files of {@code settings} (which must have TLS enabled).
     *
     * @throws IllegalArgumentException naming the key and file that could not be read, and why
     */
    public static NodeTls load(TlsSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("TLS is not configured (tls.certFile, tls.keyFile)");
        }
        try {
            return new NodeTls(settings, Material.load(settings));
        } catch (LoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Starts checking the files for changes every {@code reloadCheckMs}. */
    public NodeTls watch() {
        watcher = FileWatch.every("baton-tls-reload", settings.reloadCheckMs(), this::reloadIfChanged);
        return this;
    }

    public TlsSettings settings() {
        return settings;
    }

    /** How many times changed files were loaded since start. */
    public long reloads() {
        return reloads.get();
    }

    /** True when the HTTP API must ask clients for a certificate ({@code tls.clientCaFile} is set). */
    public boolean requiresClientCertificates() {
        return clientTrust != null;
    }

    /** For the HTTPS listener: this node's certificate, and the client CA when client certificates are asked. */
    public SSLContext httpServerContext() {
        return context(keys, clientTrust != null ? clientTrust : peerTrust);
    }

    /** For HTTPS calls to other nodes (forwarding, cluster reports): trusts the peers' CA, shows this node's cert. */
    public SSLContext peerClientContext() {
        return context(keys, peerTrust);
    }

    /** For Ratis' gRPC: this node's certificate both ways, the peers' CA, client certificates required. */
    public GrpcTlsConfig raftTlsConfig() {
        return new GrpcTlsConfig(keys, peerTrust, true);
    }

    /** Loads the files again if any changed since the last load; true when new material is now in use. */
    public synchronized boolean reloadIfChanged() {
        try {
            List<String> now = Material.fingerprint(settings);
            if (now.equals(fingerprint)) {
                return false;
            }
            Material material = Material.load(settings);
            keys.replace(material.keys());
            peerTrust.replace(material.peerTrust());
            if (clientTrust != null && material.clientTrust() != null) {
                clientTrust.replace(material.clientTrust());
            }
            fingerprint = material.fingerprint();
            reloads.incrementAndGet();
            LOG.info("TLS files changed: reloaded ({})", material.summary());
            return true;
        } catch (LoadException | IOException e) {
            LOG.warn("TLS files changed but cannot be loaded; keeping the certificate in use: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static SSLContext context(KeyManager keys, TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context", e);
        }
    }

    private static final class LoadException extends Exception {
        LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One consistent load of every file. */
    private record Material(X509ExtendedKeyManager keys, X509ExtendedTrustManager peerTrust,
                            X509ExtendedTrustManager clientTrust, List<String> fingerprint, String summary) {

        static Material load(TlsSettings s) throws LoadException {
            try {
                List<String> fingerprint = fingerprint(s);
                List<X509Certificate> chain = read("tls.certFile", s.certFile(), Pem::certificates);
                PrivateKey key = read("tls.keyFile", s.keyFile(), Pem::privateKey);
                X509ExtendedKeyManager keys = keyManager(chain, key);
                X509ExtendedTrustManager peerTrust = trustManager(s.caFile() == null ? null
                        : read("tls.caFile", s.caFile(), Pem::certificates));
                X509ExtendedTrustManager clientTrust = s.clientCaFile() == null ? null
                        : trustManager(read("tls.clientCaFile", s.clientCaFile(), Pem::certificates));
                X509Certificate own = chain.getFirst();
                return new Material(keys, peerTrust, clientTrust, fingerprint, "certificate "
                        + own.getSubjectX500Principal().getName() + ", valid until " + own.getNotAfter().toInstant());
            } catch (IOException e) {
                throw new LoadException("TLS files cannot be read: " + e.getMessage(), e);
            }
        }

        /** Modification time and size of every file, to notice a change cheaply. */
        static List<String> fingerprint(TlsSettings s) throws IOException {
            return FileWatch.fingerprint(s.certFile(), s.keyFile(), s.caFile(), s.clientCaFile());
        }

        private interface Reader<T> {
            T read(Path file) throws IOException, GeneralSecurityException;
        }

        private static <T> T read(String key, Path file, Reader<T> reader) throws LoadException {
            try {
                return reader.read(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new LoadException(key + " (" + file + ") does not exist", e);
            } catch (IOException | GeneralSecurityException e) {
                throw new LoadException(key + " (" + file + ") " + e.getMessage(), e);
            }
        }

        private static X509ExtendedKeyManager keyManager(List<X509Certificate> chain, PrivateKey key)
                throws LoadException {
            try {
                if (!matches(chain.getFirst(), key)) {
                    throw new LoadException("tls.keyFile does not hold the private key of tls.certFile's "
                            + "certificate (was only one of the two files replaced?)", null);
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("node", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
                KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
                factory.init(store, NO_PASSWORD);
                return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
            } catch (GeneralSecurityException | IOException e) {
                throw new LoadException("tls.certFile and tls.keyFile do not make a usable key: " + e.getMessage(), e);
            }
        }

        /** True when {@code key} signs what the certificate's public key verifies. */
        private static boolean matches(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                default -> key.getAlgorithm();
            };
            if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
                return false;
            }
            byte[] probe = "baton-tls-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        }

        /** Trusts {@code cas}, or the JDK's default CAs when null. */
        private static X509ExtendedTrustManager trustManager(List<X509Certificate> cas) throws LoadException {
            try {
                KeyStore store = null;
                if (cas != null) {
                    store = KeyStore.getInstance("PKCS12");
                    store.load(null, null);
                    for (int i = 0; i < cas.size(); i++) {
                        store.setCertificateEntry("ca-" + i, cas.get(i));
                    }
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
                factory.init(store);
                return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
            } catch (GeneralSecurityException | IOException e) {
                throw new LoadException("cannot build a trust store: " + e.getMessage(), e);
            }
        }
    }
}
