package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Strategy;
import java.util.List;

/**
 * The {@code strategy.defaultStrategy} value: {@code kind[:agents[:quorum[:compare]]]} as text ({@code single},
 * {@code race:2}, {@code consensus:5:3:json}) or a YAML map {@code {kind, agents, quorum, compare}}. Converts to a
 * {@link Strategy} whose unset fields the submission path fills in. Stateless.
 */
record StrategyValue() implements ValueKind {
    private static final List<String> KINDS = List.of(Strategy.SINGLE, Strategy.CONSENSUS, Strategy.RACE);
    private static final List<String> COMPARES = List.of(Strategy.COMPARE_EXACT, Strategy.COMPARE_JSON,
            Strategy.COMPARE_TEXT);
    private static final int MAX_AGENTS = 100;

    @Override
    public Object convert(JsonNode raw, Report report) {
        String[] parts;
        if (raw.isTextual()) {
            parts = raw.asText().strip().split(":", -1);
        } else if (raw.isObject()) {
            parts = new String[] {raw.path("kind").asText(""), raw.path("agents").asText(""),
                    raw.path("quorum").asText(""), raw.path("compare").asText("")};
        } else {
            report.invalid("not a strategy");
            return null;
        }
        if (parts.length > 4 || !KINDS.contains(parts[0])) {
            report.invalid("not a strategy");
            return null;
        }
        Integer agents = number(parts, 1, report);
        Integer quorum = number(parts, 2, report);
        String compare = parts.length > 3 && !parts[3].isBlank() ? parts[3].strip() : null;
        if (compare != null && !COMPARES.contains(compare)) {
            report.problem("compare '" + compare + "' is not one of " + String.join(", ", COMPARES));
        }
        if (agents != null && quorum != null && quorum > agents) {
            report.problem("quorum " + quorum + " is more than the " + agents + " agents");
        }
        if (parts[0].equals(Strategy.SINGLE) && (agents != null && agents != 1 || quorum != null)) {
            report.problem("single runs on one agent and has no quorum");
        }
        return report.failed() ? null : new Strategy(parts[0], agents, quorum, compare, null);
    }

    private static Integer number(String[] parts, int at, Report report) {
        if (parts.length <= at || parts[at].isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(parts[at].strip());
            if (value >= 1 && value <= MAX_AGENTS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        report.problem((at == 1 ? "agents" : "quorum") + " '" + parts[at] + "' is not a whole number 1-" + MAX_AGENTS);
        return null;
    }

    @Override
    public String accepted() {
        return "single, race[:agents], consensus[:agents[:quorum[:compare]]] (compare: exact, json, text), or a "
                + "map {kind, agents, quorum, compare}";
    }
}
