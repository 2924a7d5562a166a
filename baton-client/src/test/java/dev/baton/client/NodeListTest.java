package dev.baton.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeListTest {

    @Test
    void parse_commaSeparated_keepsOrderStripsSpacesAndSlashesDropsDuplicates() {
        NodeList nodes = NodeList.parse(" http://a:8080/ , https://b:8443,http://A:8080");

        assertThat(nodes.urls()).containsExactly("http://a:8080", "https://b:8443");
        assertThat(nodes.url(nodes.currentIndex())).isEqualTo("http://a:8080");
    }

    @Test
    void parse_badSecondEntry_namesItAndItsPosition() {
        assertThatThrownBy(() -> NodeList.parse("http://a:8080,localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost:8081'")
                .hasMessageContaining("node 2 of 'http://a:8080,localhost:8081'");
    }

    @Test
    void parse_emptyEntry_isRejectedWithItsPosition() {
        assertThatThrownBy(() -> NodeList.parse("http://a:8080,,http://b:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty")
                .hasMessageContaining("node 2");
    }

    @Test
    void parse_blank_isRejected() {
        assertThatThrownBy(() -> NodeList.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("required");
    }

    @Test
    void of_listWithQueryInUrl_isRejectedNamingTheEntry() {
        assertThatThrownBy(() -> NodeList.of(List.of("http://a:8080", "http://b:8080/?x=1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'http://b:8080/?x=1' (node 2 of 2)");
    }

    @Test
    void of_emptyList_isRejected() {
        assertThatThrownBy(() -> NodeList.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indexOf_sameNodeSpelledDifferently_isFound() {
        NodeList nodes = NodeList.parse("http://a,http://b:8080");

        assertThat(nodes.indexOf("HTTP://A:80/")).isZero();
        assertThat(nodes.indexOf("http://b:8080")).isEqualTo(1);
        assertThat(nodes.indexOf("http://c:8080")).isEqualTo(-1);
        assertThat(nodes.indexOf("not a url")).isEqualTo(-1);
        assertThat(nodes.indexOf(null)).isEqualTo(-1);
    }

    @Test
    void moveFrom_twoThreadsSawTheSameFailure_movesOnce() {
        NodeList nodes = NodeList.parse("http://a,http://b,http://c");

        assertThat(nodes.moveFrom(0, nodes.next(0))).isTrue();
        assertThat(nodes.moveFrom(0, nodes.next(0))).isFalse();
        assertThat(nodes.currentIndex()).isEqualTo(1);
        assertThat(nodes.next(2)).isZero();
    }

    @Test
    void moveFrom_singleNode_staysAndReportsNoMove() {
        NodeList nodes = NodeList.parse("http://a");

        assertThat(nodes.moveFrom(0, nodes.next(0))).isFalse();
        assertThat(nodes.currentIndex()).isZero();
    }
}
