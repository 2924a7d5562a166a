package dev.baton.core.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.api.Strategy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Groups consensus results: two outputs are equal when their keys under the task's {@code compare} mode are equal.
 * {@code exact}: the output's JSON text as stored (compact). {@code json}: canonical JSON, so object key order,
 * insignificant whitespace and number spelling ({@code 1.0} vs {@code 1}) do not matter. {@code text}: a JSON
 * string's text (other values: their compact JSON text) with whitespace runs collapsed to one space, trimmed and
 * lower-cased.
 *
 * <p>Pure and deterministic (apply uses it on every node); stateless and thread-safe.
 */
public final class ResultComparator {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ResultComparator() {}

    /** The grouping key of {@code outputJson} (null output counts as JSON {@code null}). */
    public static String key(String compare, String outputJson) {
        String text = outputJson == null ? "null" : outputJson;
        return switch (compare == null ? Strategy.COMPARE_JSON : compare) {
            case Strategy.COMPARE_EXACT -> text;
            case Strategy.COMPARE_TEXT -> normalisedText(text);
            default -> canonicalJson(text);
        };
    }

    static String canonicalJson(String text) {
        JsonNode node = parse(text);
        return node == null ? text : canonical(node).toString();
    }

    static String normalisedText(String text) {
        JsonNode node = parse(text);
        String plain = node != null && node.isTextual() ? node.asText() : text;
        return plain.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null; // not JSON (cannot come from the API): compare the text as it is
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = NODES.objectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = NODES.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(canonical(it.next()));
            }
            return array;
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return NODES.numberNode(value.scale() < 0 ? value.setScale(0) : value);
        }
        return node;
    }
}
