package dev.baton.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultComparatorTest {

    @Test
    void json_ignoresKeyOrderWhitespaceAndNumberSpelling() {
        assertThat(ResultComparator.key("json", "{\"a\":1,\"b\":[1.50,{\"y\":2,\"x\":1}]}"))
                .isEqualTo(ResultComparator.key("json", "{ \"b\" : [1.5, {\"x\":1.0,\"y\":2e0}], \"a\" : 1 }"));
        assertThat(ResultComparator.key("json", "{\"a\":1}")).isNotEqualTo(ResultComparator.key("json", "{\"a\":2}"));
        assertThat(ResultComparator.key("json", "[1,2]")).isNotEqualTo(ResultComparator.key("json", "[2,1]"));
        assertThat(ResultComparator.key("json", "\"1\"")).isNotEqualTo(ResultComparator.key("json", "1"));
    }

    @Test
    void exact_comparesTheStoredText() {
        assertThat(ResultComparator.key("exact", "{\"a\":1,\"b\":2}"))
                .isNotEqualTo(ResultComparator.key("exact", "{\"b\":2,\"a\":1}"));
        assertThat(ResultComparator.key("exact", "{\"a\":1}")).isEqualTo(ResultComparator.key("exact", "{\"a\":1}"));
    }

    @Test
    void text_foldsWhitespaceAndCaseOfStrings() {
        assertThat(ResultComparator.key("text", "\"  The   Answer\\nis 42 \""))
                .isEqualTo(ResultComparator.key("text", "\"the answer is 42\""));
        assertThat(ResultComparator.key("text", "\"the answer is 41\""))
                .isNotEqualTo(ResultComparator.key("text", "\"the answer is 42\""));
    }

    @Test
    void nullOutput_groupsWithJsonNull() {
        assertThat(ResultComparator.key("json", null)).isEqualTo(ResultComparator.key("json", "null"));
    }
}
