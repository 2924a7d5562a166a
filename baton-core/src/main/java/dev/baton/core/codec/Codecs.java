package dev.baton.core.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;

/** The mapper configurations used for log entries and snapshots: stable field order, strict reads. */
final class Codecs {
    private Codecs() {}

    /** JSON, every field written: snapshots, their digest, and log entries of format version 1. */
    static final ObjectMapper MAPPER = configure(JsonMapper.builder());

    /**
     * Smile (Jackson's binary JSON: the same data model, field names written once per entry and back-referenced,
     * numbers in binary) without null fields, for log entries of format version 2. A missing field reads as null,
     * exactly as an explicit null did, so leaving nulls out changes no decoded command.
     */
    static final ObjectMapper SMILE = configure(SmileMapper.builder())
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        return builder.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
