package dev.baton.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCertificatesTest {
    @TempDir
    Path dir;

    @Test
    void writeDevSet_nodeCertificate_isSignedByTheCaAndNamesLoopback() throws Exception {
        DevCertificates.writeDevSet(dir, List.of("n1", "n2"), List.of("baton.example"));

        X509Certificate ca = Pem.certificates(dir.resolve("ca.pem")).getFirst();
        X509Certificate n2 = Pem.certificates(dir.resolve("n2.pem")).getFirst();
        n2.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(n2.getBasicConstraints()).isEqualTo(-1);
        assertThat(n2.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(n2.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .contains("localhost", "n2", "127.0.0.1", "127.0.0.2", "baton.example");
        assertThat(Pem.privateKey(dir.resolve("n2-key.pem")).getAlgorithm()).isEqualTo("EC");
        assertThat(Files.getPosixFilePermissions(dir.resolve("n2-key.pem")).toString()).isEqualTo(
                "[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void privateKey_traditionalEcEncoding_isRefusedWithHowToConvert() throws Exception {
        Path key = Files.writeString(dir.resolve("k.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"
                + "-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> Pem.privateKey(key)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void load_keyOfAnotherCertificate_isRefused() throws Exception {
        TestCerts.write(dir, "n1", "n2");

        assertThatThrownBy(() -> NodeTls.load(TlsSettings.mutual(dir.resolve("n1.pem"), dir.resolve("n2-key.pem"),
                dir.resolve("ca.pem")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls.keyFile does not hold the private key of tls.certFile");
    }

    @Test
    void load_missingFile_namesTheKey() {
        assertThatThrownBy(() -> NodeTls.load(TlsSettings.mutual(dir.resolve("nope.pem"), dir.resolve("k.pem"),
                dir.resolve("ca.pem")))).hasMessageContaining("tls.certFile (" + dir.resolve("nope.pem")
                + ") does not exist");
    }
}
