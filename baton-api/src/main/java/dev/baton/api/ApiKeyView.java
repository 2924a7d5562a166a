package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An API key; {@code token} is present only in the reply that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(String id, String name, Role role, String createdAt, String token) {}
