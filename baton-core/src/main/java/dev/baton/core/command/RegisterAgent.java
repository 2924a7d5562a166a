package dev.baton.core.command;

import java.util.List;
import java.util.Map;

/** Adds an agent in state {@code ready}, or re-registers an existing id with new attributes. */
public record RegisterAgent(String agentId, String name, List<String> capabilities, Map<String, String> labels,
                            int maxConcurrency, long nowMs) implements Command {}
