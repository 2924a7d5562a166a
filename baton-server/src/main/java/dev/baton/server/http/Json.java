package dev.baton.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.server.auth.SecuritySettings;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The wire JSON mapper. Reads are strict: unknown fields are rejected (a typo such as {@code "capabilty"} must
 * not be silently dropped), and every parse error becomes a 400 problem naming the field at fault. Missing numeric
 * fields of nested objects read as 0, which means "default" ({@code retry}) or "none" ({@code timeouts}).
 */
final class Json {
    static final ObjectMapper MAPPER = strict(JsonFactory.builder().build());
    /** Request bodies: {@link #MAPPER} under the node's nesting-depth and string-length limits. */
    private static volatile ObjectMapper requests = limited(SecuritySettings.DEFAULT_MAX_JSON_DEPTH,
            SecuritySettings.DEFAULT_MAX_STRING_CHARS);

    private static ObjectMapper strict(JsonFactory factory) {
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private static ObjectMapper limited(int maxDepth, int maxStringChars) {
        return strict(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).maxStringLength(maxStringChars).build()).build());
    }

    /**
     * Sets the limits request bodies are read under. Process-wide: the last node started in a JVM sets them (tests
     * that run several nodes in one JVM use the same values).
     */
    static void limit(int maxDepth, int maxStringChars) {
        requests = limited(maxDepth, maxStringChars);
    }

    private Json() {}

    static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiProblem.validation(null, "the request needs a JSON body");
        }
        try {
            T value = requests.readValue(body, type);
            if (value == null) {
                throw ApiProblem.validation(null, "the request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.validation(path(e), "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw ApiProblem.validation(path(e), "field '" + path(e) + "' has the wrong value: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ApiProblem.validation(field, (field == null ? "the body" : "field '" + field + "'")
                    + " has the wrong type: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonMappingException e) {
            String field = path(e);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = cause.getMessage() == null ? e.getOriginalMessage() : cause.getMessage();
            throw ApiProblem.validation(field, (field == null ? "the body" : "field '" + field + "'")
                    + " is invalid: " + reason.lines().findFirst().orElse(""));
        } catch (StreamConstraintsException e) {
            throw ApiProblem.validation(null, "the body is over a request limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiProblem.malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.malformed("cannot read the body: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation(null, e.getMessage());
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode reply", e);
        }
    }

    /** Compact JSON text of a node, or null for a missing one. */
    static String text(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node.toString();
    }

    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? null : path;
    }
}
