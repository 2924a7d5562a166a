package dev.baton.core.workflow;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step input templates. A template is any JSON value; inside it, an object that holds only {@code "$ref"} is
 * replaced by the value it references, and an object that holds only {@code "$literal"} by that value as it is
 * (so a step can pass a real {@code {"$ref": ...}} object on). References:
 * <ul>
 *   <li>{@code "workflow.input"} plus an optional JSON pointer (RFC 6901): {@code "workflow.input/items/0"};</li>
 *   <li>{@code "steps.<id>.output"} plus an optional JSON pointer: {@code "steps.fetch.output/body"} — the step
 *       must be among the referring step's (direct or indirect) dependencies.</li>
 * </ul>
 * Pure and deterministic: no clock, no I/O; used by the leader to validate and by apply to resolve.
 */
public final class Templates {
    /** Most references one step's template may hold. */
    public static final int MAX_REFERENCES = 256;

    private static final Pattern REF = Pattern.compile(
            "(?:(workflow\\.input)|steps\\.([A-Za-z0-9_-]{1,64})\\.output)(/.*)?", Pattern.DOTALL);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Templates() {}

    /**
     * A reference in a template.
     *
     * @param stepId the referenced step, or null for {@code workflow.input}
     * @param pointer the JSON pointer into the referenced value ({@code ""} for all of it)
     * @param at the JSON pointer of the {@code $ref} object within the template
     */
    public record Reference(String stepId, String pointer, String at) {}

    /** A template that is not well formed, or a reference that does not resolve; {@code at} points at it. */
    public static final class TemplateException extends Exception {
        private final String at;

        TemplateException(String at, String message) {
            super(message);
            this.at = at;
        }

        /** The JSON pointer, within the template, of the part at fault ({@code ""} for the whole). */
        public String at() {
            return at;
        }
    }

    /** Every reference in {@code template}, in document order; throws for malformed {@code $ref}/{@code $literal}s. */
    public static List<Reference> references(JsonNode template) throws TemplateException {
        List<Reference> out = new ArrayList<>();
        collect(template, "", out);
        return out;
    }

    private static void collect(JsonNode node, String at, List<Reference> out) throws TemplateException {
        if (node.isObject()) {
            if (node.has("$ref") || node.has("$literal")) {
                String key = node.has("$ref") ? "$ref" : "$literal";
                if (node.size() != 1) {
                    throw new TemplateException(at, "an object with \"" + key + "\" must hold nothing else (wrap a "
                            + "real one in {\"$literal\": ...})");
                }
                if (key.equals("$ref")) {
                    out.add(parse(node.get("$ref"), at));
                    if (out.size() > MAX_REFERENCES) {
                        throw new TemplateException(at, "a template may hold at most " + MAX_REFERENCES + " references");
                    }
                }
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(field.getValue(), at + "/" + escape(field.getKey()), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at + "/" + i, out);
            }
        }
    }

    private static Reference parse(JsonNode ref, String at) throws TemplateException {
        Matcher m = ref.isTextual() ? REF.matcher(ref.asText()) : null;
        if (m == null || !m.matches()) {
            throw new TemplateException(at, "\"$ref\" must be \"workflow.input\" or \"steps.<id>.output\", each "
                    + "optionally followed by a JSON pointer such as /items/0; got " + ref);
        }
        String pointer = m.group(3) == null ? "" : m.group(3);
        try {
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(at, "\"" + pointer + "\" is not a JSON pointer: " + e.getMessage());
        }
        return new Reference(m.group(1) != null ? null : m.group(2), pointer, at);
    }

    /**
     * {@code template} with every reference replaced: {@code workflowInput} for {@code workflow.input}, and
     * {@code outputs.apply(stepId)} for a step's output. Throws when a pointer finds nothing.
     */
    public static JsonNode resolve(JsonNode template, JsonNode workflowInput, Function<String, JsonNode> outputs)
            throws TemplateException {
        return resolve(template, "", workflowInput, outputs);
    }

    private static JsonNode resolve(JsonNode node, String at, JsonNode input, Function<String, JsonNode> outputs)
            throws TemplateException {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("$literal")) {
                return node.get("$literal");
            }
            if (node.size() == 1 && node.has("$ref")) {
                Reference ref = parse(node.get("$ref"), at);
                JsonNode source = ref.stepId() == null ? input : outputs.apply(ref.stepId());
                String name = ref.stepId() == null ? "workflow.input" : "steps." + ref.stepId() + ".output";
                JsonNode value = source == null ? null : source.at(ref.pointer());
                if (value == null || value.isMissingNode()) {
                    throw new TemplateException(at, name + (ref.pointer().isEmpty() ? "" : " has nothing at "
                            + ref.pointer()) + (source == null ? " is not available" : ""));
                }
                return value;
            }
            ObjectNode copy = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolve(field.getValue(), at + "/" + escape(field.getKey()), input, outputs));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                copy.add(resolve(node.get(i), at + "/" + i, input, outputs));
            }
            return copy;
        }
        return node;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
