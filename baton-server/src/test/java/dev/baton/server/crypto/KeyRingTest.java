package dev.baton.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key file parsing: what is accepted, and messages that name the file, the line and the problem. */
class KeyRingTest {
    static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String K2 = Base64.getEncoder().encodeToString(filled(32, 7));

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static KeyRing parse(String... lines) {
        return KeyRing.parse("/etc/baton/keys", List.of(lines));
    }

    @Test
    void parse_keysCommentsAndActive_givesIdsInFileOrder() {
        KeyRing ring = parse("# keys", "", "k1=" + K1, "  k2 = " + K2 + "  ", "active=k2");
        assertThat(ring.ids()).containsExactly("k1", "k2");
        assertThat(ring.activeId()).isEqualTo("k2");
        assertThat(ring.key("k1").getEncoded()).isEqualTo(new byte[32]);
        assertThat(ring.key("k3")).isNull();
    }

    @Test
    void parse_activeNone_opensButNamesNoActiveKey() {
        KeyRing ring = parse("k1=" + K1, "active=none");
        assertThat(ring.activeId()).isNull();
        assertThat(ring.activeKey()).isNull();
        assertThat(ring.key("k1")).isNotNull();
        assertThatThrownBy(() -> parse("none=" + K1, "active=none")).hasMessageContaining("'none' is not a key id");
    }

    @Test
    void parse_keyOfWrongLength_namesLineAndLengthButNotTheValue() {
        String short16 = Base64.getEncoder().encodeToString(filled(16, 3));
        assertThatThrownBy(() -> parse("k1=" + K1, "k2=" + short16, "active=k1"))
                .hasMessageContaining("/etc/baton/keys line 2")
                .hasMessageContaining("key 'k2' is 16 bytes; AES-256 needs 32")
                .hasMessageNotContaining(short16);
    }

    @Test
    void parse_valueNotBase64_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> parse("k1=not*base64!", "active=k1"))
                .hasMessageContaining("line 1").hasMessageContaining("not base64")
                .hasMessageNotContaining("not*base64!");
    }

    @Test
    void parse_duplicateId_isRefused() {
        assertThatThrownBy(() -> parse("k1=" + K1, "k1=" + K2, "active=k1"))
                .hasMessageContaining("line 2").hasMessageContaining("key id 'k1' appears twice");
    }

    @Test
    void parse_noActiveLine_isRefused() {
        assertThatThrownBy(() -> parse("k1=" + K1)).hasMessageContaining("no active=<keyId> line");
    }

    @Test
    void parse_activeNamesUnknownKey_namesTheLineAndTheKnownIds() {
        assertThatThrownBy(() -> parse("k1=" + K1, "active=k9"))
                .hasMessageContaining("line 2: active=k9 names no key").hasMessageContaining("[k1]");
    }

    @Test
    void parse_twoActiveLines_isRefused() {
        assertThatThrownBy(() -> parse("k1=" + K1, "active=k1", "active=k1"))
                .hasMessageContaining("line 3").hasMessageContaining("a second active= line");
    }

    @Test
    void parse_badIdOrLineWithoutEquals_isRefused() {
        assertThatThrownBy(() -> parse("-k=" + K1, "active=-k")).hasMessageContaining("'-k' is not a key id");
        assertThatThrownBy(() -> parse("k1 and no equals sign")).hasMessageContaining("line 1: expected <keyId>=");
    }

    @Test
    void parse_noKeys_saysHowToMakeOne() {
        assertThatThrownBy(() -> parse("# empty")).hasMessageContaining("holds no key")
                .hasMessageContaining("baton encryption new-key");
    }

    @Test
    void toString_showsIdsOnly() {
        KeyRing ring = parse("k1=" + K2, "active=k1");
        assertThat(ring.toString()).isEqualTo("KeyRing[active=k1, ids=[k1]]").doesNotContain(K2);
    }
}
