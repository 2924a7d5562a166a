package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How many agents run a task and how their results combine: {@code single} (one agent), {@code consensus} (up to
 * {@code agents} distinct agents; done when {@code quorum} results are equal under {@code compare}) or {@code race}
 * ({@code agents} distinct agents; the first success wins). Unset fields take the server's defaults.
 *
 * @param compare {@code exact}, {@code json} (canonical JSON) or {@code text} (whitespace and case folded);
 *     consensus only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Strategy(String kind, Integer agents, Integer quorum, String compare) {
    public static final String SINGLE = "single";
    public static final String CONSENSUS = "consensus";
    public static final String RACE = "race";
    public static final String COMPARE_EXACT = "exact";
    public static final String COMPARE_JSON = "json";
    public static final String COMPARE_TEXT = "text";

    public static final Strategy SINGLE_AGENT = new Strategy(SINGLE, 1, 1, null);

    public static Strategy consensus(int agents, int quorum, String compare) {
        return new Strategy(CONSENSUS, agents, quorum, compare);
    }

    public static Strategy race(int agents) {
        return new Strategy(RACE, agents, 1, null);
    }

    /** True for strategies that fan a task out to several agents. */
    public boolean fansOut() {
        return CONSENSUS.equals(kind) || RACE.equals(kind);
    }
}
