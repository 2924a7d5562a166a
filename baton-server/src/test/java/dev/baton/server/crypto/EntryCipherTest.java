package dev.baton.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing and opening entries: round trips, tampering, key ids, plain data, rotation. */
class EntryCipherTest {
    static final byte[] ENTRY = "B\u0001[{\"type\":\"SubmitTask\",\"input\":\"secret-marker\"}]"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    EntryCipher cipherWith(String... ids) throws Exception {
        Path file = dir.resolve("keys");
        for (String id : ids) {
            KeyFiles.addKey(file, id, true);
        }
        return EntryCipher.load(file, "encryption.keyFile");
    }

    @Test
    void seal_thenOpen_givesTheBytesBackAndHidesThem() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        byte[] sealed = cipher.seal(ENTRY);
        assertThat(sealed[0]).isEqualTo((byte) 'E');
        assertThat(SealedBytes.keyId(sealed)).contains("k1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret-marker");
        assertThat(cipher.open(sealed)).isEqualTo(ENTRY);
    }

    @Test
    void seal_twice_usesFreshNonces() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        assertThat(cipher.seal(ENTRY)).isNotEqualTo(cipher.seal(ENTRY));
    }

    @Test
    void open_anyTamperedByte_failsInsteadOfReturningGarbage() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        byte[] sealed = cipher.seal(ENTRY);
        for (int i = 1; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> cipher.open(tampered)).as("byte %d flipped", at)
                    .isInstanceOf(SealedDataException.class);
        }
    }

    @Test
    void open_tamperedCiphertext_namesKeyIdAndSetting() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        byte[] sealed = cipher.seal(ENTRY);
        sealed[sealed.length - 20] ^= 0x40;
        assertThatThrownBy(() -> cipher.open(sealed)).isInstanceOf(SealedDataException.class)
                .hasMessageContaining("key 'k1'").hasMessageContaining("encryption.keyFile (" + dir.resolve("keys"))
                .hasMessageContaining("does not verify");
    }

    @Test
    void open_unknownKeyId_namesItAndTheKeysHeld() throws Exception {
        byte[] sealed = cipherWith("k9").seal(ENTRY);
        Files.delete(dir.resolve("keys"));
        EntryCipher other = cipherWith("k1");
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(SealedDataException.class)
                .hasMessageContaining("key 'k9'").hasMessageContaining("encryption.keyFile")
                .hasMessageContaining("[k1]");
    }

    @Test
    void open_sameIdButOtherKey_failsTheTag() throws Exception {
        byte[] sealed = cipherWith("k1").seal(ENTRY);
        Files.delete(dir.resolve("keys"));
        EntryCipher other = cipherWith("k1");
        assertThatThrownBy(() -> other.open(sealed)).hasMessageContaining("does not verify");
    }

    @Test
    void open_plainBytes_passThroughWithOrWithoutKeys() throws Exception {
        assertThat(cipherWith("k1").open(ENTRY)).isEqualTo(ENTRY);
        assertThat(EntryCipher.plain().open(ENTRY)).isEqualTo(ENTRY);
        assertThat(EntryCipher.plain().seal(ENTRY)).isSameAs(ENTRY);
    }

    @Test
    void open_sealedWithoutEncryptionConfigured_saysSo() throws Exception {
        byte[] sealed = cipherWith("k1").seal(ENTRY);
        assertThatThrownBy(() -> EntryCipher.plain().open(sealed)).isInstanceOf(SealedDataException.class)
                .hasMessageContaining("key 'k1'").hasMessageContaining("encryption is not configured")
                .hasMessageContaining("encryption.keyFile");
    }

    @Test
    void rotation_sealedWithK1_opensAfterK2BecomesActive() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        byte[] old = cipher.seal(ENTRY);
        KeyFiles.addKey(dir.resolve("keys"), "k2", false);
        KeyFiles.activate(dir.resolve("keys"), "k2");
        bumpModified(dir.resolve("keys"));
        assertThat(cipher.reloadIfChanged()).isTrue();
        byte[] fresh = cipher.seal(ENTRY);
        assertThat(SealedBytes.keyId(fresh)).contains("k2");
        assertThat(cipher.open(old)).isEqualTo(ENTRY);
        assertThat(cipher.open(fresh)).isEqualTo(ENTRY);
        assertThat(cipher.status().activeKeyId()).isEqualTo("k2");
        assertThat(cipher.status().keyIds()).containsExactly("k1", "k2");
    }

    @Test
    void activeNone_sealsNothingNew_butStillOpensWhatWasSealed() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        byte[] sealed = cipher.seal(ENTRY);
        KeyFiles.activate(dir.resolve("keys"), "none");
        bumpModified(dir.resolve("keys"));
        assertThat(cipher.reloadIfChanged()).isTrue();
        assertThat(cipher.seal(ENTRY)).isSameAs(ENTRY);
        assertThat(cipher.open(sealed)).isEqualTo(ENTRY);
        assertThat(cipher.enabled()).isFalse();
        assertThat(cipher.status().keyIds()).containsExactly("k1");
        assertThat(cipher.status().activeKeyId()).isNull();
    }

    @Test
    void open_keyAddedToFileSinceLastCheck_isFoundByRereadingTheFile() throws Exception {
        EntryCipher follower = cipherWith("k1");
        KeyFiles.addKey(dir.resolve("keys"), "k2", true);
        bumpModified(dir.resolve("keys"));
        EntryCipher leader = EntryCipher.load(dir.resolve("keys"), "encryption.keyFile");
        assertThat(follower.open(leader.seal(ENTRY))).isEqualTo(ENTRY);
    }

    @Test
    void reload_brokenFile_keepsTheKeysInUse() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        byte[] sealed = cipher.seal(ENTRY);
        Files.writeString(dir.resolve("keys"), "k1=short\nactive=k1\n");
        bumpModified(dir.resolve("keys"));
        assertThat(cipher.reloadIfChanged()).isFalse();
        assertThat(cipher.open(sealed)).isEqualTo(ENTRY);
    }

    @Test
    void load_fileReadableByOthers_stillLoads_andThePermissionProblemIsNamed() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        Path file = dir.resolve("keys");
        assertThat(EntryCipher.permissionProblem(file)).isEmpty();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(EntryCipher.permissionProblem(file)).hasValueSatisfying(p -> assertThat(p)
                .contains("rw-r--r--").contains("chmod 600"));
        assertThat(EntryCipher.load(file, "encryption.keyFile").open(cipher.seal(ENTRY))).isEqualTo(ENTRY);
    }

    @Test
    void load_missingFile_namesSettingAndHowToMakeOne() {
        assertThatThrownBy(() -> EntryCipher.load(dir.resolve("nope"), "encryption.keyFile"))
                .hasMessageContaining("encryption.keyFile (" + dir.resolve("nope") + ") does not exist")
                .hasMessageContaining("baton encryption new-key");
    }

    @Test
    void status_neverHoldsKeyBytes() throws Exception {
        EntryCipher cipher = cipherWith("k1");
        String line = Files.readAllLines(dir.resolve("keys")).stream().filter(l -> l.startsWith("k1="))
                .findFirst().orElseThrow();
        assertThat(cipher.status().toString()).contains("k1").doesNotContain(line.substring(3));
    }

    @Test
    void header_unknownVersionOrCutShort_isRefused() throws Exception {
        byte[] sealed = cipherWith("k1").seal(ENTRY);
        byte[] v2 = sealed.clone();
        v2[1] = 2;
        assertThatThrownBy(() -> SealedBytes.keyId(v2)).hasMessageContaining("format version 2");
        assertThatThrownBy(() -> SealedBytes.keyId(Arrays.copyOf(sealed, 20))).hasMessageContaining("cut short");
    }

    /** Moves the file's modification time on, so a rewrite within the same instant is seen as a change. */
    static void bumpModified(Path file) throws Exception {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 2_000));
    }
}
