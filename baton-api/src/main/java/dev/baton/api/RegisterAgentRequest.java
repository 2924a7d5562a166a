package dev.baton.api;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /v1/agents}. */
public record RegisterAgentRequest(String name, List<String> capabilities, Integer maxConcurrency,
                                   Map<String, String> labels) {}
