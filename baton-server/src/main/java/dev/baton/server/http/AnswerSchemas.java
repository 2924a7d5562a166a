package dev.baton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Checks the JSON Schemas agents attach to questions and the answers people give (networknt json-schema-validator,
 * draft 2020-12 unless a schema names another with {@code $schema}). Only the schema itself and the standard
 * meta-schemas are ever read: remote and classpath {@code $ref}s are refused, so an agent cannot make the leader
 * fetch URLs. Thread-safe (the registry is immutable; schemas are compiled per call and not cached).
 */
final class AnswerSchemas {
    static final int MAX_SCHEMA_BYTES = 64 * 1024;
    static final int MAX_REPORTED_ERRORS = 10;

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)
                    .block(iri -> !iri.toString().startsWith("https://json-schema.org/")
                            && !iri.toString().startsWith("http://json-schema.org/"))));

    private static final Schema META_SCHEMA = REGISTRY.getSchema(
            com.networknt.schema.SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private AnswerSchemas() {}

    /** Compiles {@code schema} or throws a 400 naming {@code field}. */
    static Schema compile(JsonNode schema, String field) {
        if (schema == null || !(schema.isObject() || schema.isBoolean())) {
            throw ApiProblem.validation(field, field + " must be a JSON Schema: an object (or true/false)");
        }
        if (Json.text(schema).length() > MAX_SCHEMA_BYTES) {
            throw ApiProblem.validation(field, field + " must be at most " + MAX_SCHEMA_BYTES + " bytes of JSON");
        }
        try {
            List<Error> wrong = META_SCHEMA.validate(schema);
            if (!wrong.isEmpty()) {
                throw ApiProblem.validation(field, field + " is not a valid JSON Schema (draft 2020-12): "
                        + describe(wrong, ""));
            }
            Schema compiled = REGISTRY.getSchema(schema);
            compiled.initializeValidators(); // resolves $refs now, so a bad schema fails here, not at answer time
            return compiled;
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw ApiProblem.validation(field, field + " is not a usable JSON Schema: " + e.getMessage());
        }
    }

    /**
     * Validates {@code answer} against {@code schema}; throws a 400 whose field is {@code answer} plus the JSON
     * pointer of the first wrong part (such as {@code answer/approved}) and whose detail lists what is wrong.
     */
    static void check(JsonNode schema, JsonNode answer) {
        List<Error> errors;
        try {
            errors = compile(schema, "schema").validate(answer);
        } catch (ApiProblem e) {
            throw ApiProblem.internal("the question's stored schema no longer compiles: " + e.getMessage());
        }
        if (errors.isEmpty()) {
            return;
        }
        throw ApiProblem.validation(pointer("answer", errors.getFirst()),
                "the answer does not match the question's schema: " + describe(errors, "answer"));
    }

    /** Up to {@link #MAX_REPORTED_ERRORS} errors, each after the pointer of the part it is about. */
    private static String describe(List<Error> errors, String root) {
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < Math.min(errors.size(), MAX_REPORTED_ERRORS); i++) {
            String at = pointer(root, errors.get(i));
            detail.append(i == 0 ? "" : "; ").append(at.isEmpty() ? "" : at + ": ").append(errors.get(i).getMessage());
        }
        if (errors.size() > MAX_REPORTED_ERRORS) {
            detail.append("; and ").append(errors.size() - MAX_REPORTED_ERRORS).append(" more");
        }
        return detail.toString();
    }

    /** {@code root} followed by the JSON pointer of the error's instance ({@code answer/items/0}). */
    private static String pointer(String root, Error error) {
        StringBuilder out = new StringBuilder(root);
        var path = error.getInstanceLocation();
        for (int i = 0; path != null && i < path.getNameCount(); i++) {
            out.append('/').append(path.getName(i).replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }
}
