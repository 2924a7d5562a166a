package dev.baton.api;

import java.util.List;

/** Reply of {@code GET /v1/keys}. */
public record ApiKeyList(List<ApiKeyView> keys) {}
