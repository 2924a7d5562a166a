package dev.baton.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node serving HTTPS from PEM files: trust, plain HTTP refused, client certificates, reload without restart. */
class HttpsNodeTest {
    @TempDir
    Path dir;

    private BatonNode start(TlsSettings tls) throws IOException {
        return BatonNode.start(NodeConfig.singleNode(dir.resolve("data"), 0, true).toBuilder().tls(tls).build());
    }

    private static SSLContext trusting(Path certs, String clientNode) {
        TlsSettings client = clientNode == null
                ? new TlsSettings(certs.resolve("n1.pem"), certs.resolve("n1-key.pem"), certs.resolve("ca.pem"), null,
                        false, TlsSettings.DEFAULT_RELOAD_CHECK_MS)
                : TestCerts.settings(certs, clientNode);
        return NodeTls.load(client).peerClientContext();
    }

    private static HttpResponse<String> get(SSLContext ssl, String url, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void https_clientTrustingTheCa_isServedAndPlainHttpIsNot() throws Exception {
        Path certs = TestCerts.write(dir.resolve("certs"), "n1");
        try (BatonNode node = start(TestCerts.settings(certs, "n1"))) {
            assertThat(node.url()).startsWith("https://127.0.0.1:");

            HttpResponse<String> tasks = get(trusting(certs, null), node.url() + "/v1/tasks", node.adminToken());
            assertThat(tasks.statusCode()).isEqualTo(200);

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(node.url().replace("https:", "http:") + "/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
            Path otherCa = TestCerts.write(dir.resolve("other"), "n1");
            assertThatThrownBy(() -> get(trusting(otherCa, null), node.url() + "/health", null))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void clientCaFile_clientWithoutCertificateIsRefused_withOneIsServed() throws Exception {
        Path certs = TestCerts.write(dir.resolve("certs"), "n1", "client");
        TlsSettings tls = new TlsSettings(certs.resolve("n1.pem"), certs.resolve("n1-key.pem"),
                certs.resolve("ca.pem"), certs.resolve("ca.pem"), true, TlsSettings.DEFAULT_RELOAD_CHECK_MS);
        try (BatonNode node = start(tls)) {
            SSLContext anonymous = SSLContext.getInstance("TLS");
            anonymous.init(null, new javax.net.ssl.TrustManager[] {trustAll(certs)}, null);
            assertThatThrownBy(() -> get(anonymous, node.url() + "/health", null)).isInstanceOf(IOException.class);

            assertThat(get(trusting(certs, "client"), node.url() + "/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reload_replacedCertificateFiles_areServedWithoutRestart() throws Exception {
        Path certs = TestCerts.write(dir.resolve("certs"), "n1");
        Path live = dir.resolve("live");
        Files.createDirectories(live);
        for (String f : new String[] {"ca.pem", "n1.pem", "n1-key.pem"}) {
            Files.copy(certs.resolve(f), live.resolve(f));
        }
        TlsSettings tls = new TlsSettings(live.resolve("n1.pem"), live.resolve("n1-key.pem"), live.resolve("ca.pem"),
                null, true, 100);
        try (BatonNode node = start(tls)) {
            BigInteger before = servedSerial(node, certs);

            Path renewed = TestCerts.write(dir.resolve("renewed"), "n1");
            for (String f : new String[] {"ca.pem", "n1.pem", "n1-key.pem"}) {
                Path tmp = live.resolve(f + ".tmp");
                Files.copy(renewed.resolve(f), tmp);
                Files.move(tmp, live.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (node.tls().reloads() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(node.tls().reloads()).isPositive();
            BigInteger after = servedSerial(node, renewed);
            assertThat(after).isNotEqualTo(before).isEqualTo(
                    Pem.certificates(renewed.resolve("n1.pem")).getFirst().getSerialNumber());
            assertThat(get(trusting(renewed, null), node.url() + "/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reload_halfWrittenFiles_keepTheCertificateInUse() throws Exception {
        Path certs = TestCerts.write(dir.resolve("certs"), "n1");
        try (BatonNode node = start(TestCerts.settings(certs, "n1"))) {
            BigInteger before = servedSerial(node, certs);
            Path other = TestCerts.write(dir.resolve("other"), "n1");
            Files.copy(other.resolve("n1.pem"), certs.resolve("n1.pem"), StandardCopyOption.REPLACE_EXISTING);

            assertThat(node.tls().reloadIfChanged()).isFalse();
            assertThat(servedSerial(node, certs)).isEqualTo(before);
        }
    }

    private static BigInteger servedSerial(BatonNode node, Path certs) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {trustAll(certs)}, null);
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", node.httpPort())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    /** Accepts any server certificate: these checks read the certificate served, whichever it is. */
    private static javax.net.ssl.X509TrustManager trustAll(Path unused) {
        return new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }
}
