package dev.baton.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing key files: a new file is 0600 with its key active; appending keeps the others; ids are checked. */
class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void addKey_newFile_isOwnerOnlyAndItsKeyActive() throws Exception {
        Path file = dir.resolve("keys");
        KeyFiles.Added added = KeyFiles.addKey(file, null, false);
        assertThat(added).isEqualTo(new KeyFiles.Added("k1", "k1", true));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyRing.load(file).activeId()).isEqualTo("k1");
    }

    @Test
    void addKey_existingFile_appendsAFreshKeyAndActivatesOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("keys");
        KeyFiles.addKey(file, null, false);
        byte[] k1 = KeyRing.load(file).key("k1").getEncoded();
        assertThat(KeyFiles.addKey(file, null, false)).isEqualTo(new KeyFiles.Added("k2", "k1", false));
        assertThat(KeyFiles.addKey(file, "spring-2027", true).activeId()).isEqualTo("spring-2027");
        KeyRing ring = KeyRing.load(file);
        assertThat(ring.ids()).containsExactly("k1", "k2", "spring-2027");
        assertThat(ring.key("k1").getEncoded()).isEqualTo(k1);
        assertThat(ring.key("k2").getEncoded()).isNotEqualTo(k1);
    }

    @Test
    void addKey_takenOrBadId_isRefused() throws Exception {
        Path file = dir.resolve("keys");
        KeyFiles.addKey(file, "k1", false);
        assertThatThrownBy(() -> KeyFiles.addKey(file, "k1", false)).hasMessageContaining("already holds a key 'k1'");
        assertThatThrownBy(() -> KeyFiles.addKey(file, "active", false)).hasMessageContaining("is not a key id");
    }

    @Test
    void activate_knownKey_switchesTheActiveLine_unknownKeyIsRefused() throws Exception {
        Path file = dir.resolve("keys");
        KeyFiles.addKey(file, "k1", false);
        KeyFiles.addKey(file, "k2", false);
        assertThat(KeyFiles.activate(file, "k2")).isEqualTo("k1");
        assertThat(KeyRing.load(file).activeId()).isEqualTo("k2");
        assertThatThrownBy(() -> KeyFiles.activate(file, "k7")).hasMessageContaining("holds no key 'k7'");
        assertThat(KeyFiles.activate(file, "none")).isEqualTo("k2");
        assertThat(KeyRing.load(file).activeId()).isNull();
        assertThat(KeyFiles.addKey(file, "k3", false).activeId()).isEqualTo("none");
    }
}
