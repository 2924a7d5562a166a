package dev.baton.api;

import java.util.List;

/** Reply of {@code GET /v1/agents}. */
public record AgentList(List<AgentView> agents) {}
