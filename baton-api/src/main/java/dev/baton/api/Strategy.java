package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How many agents run a task and how their results combine: {@code single} (one agent), {@code consensus} (up to
 * {@code agents} distinct agents; done when {@code quorum} results are equal under {@code compare}) or {@code race}
 * ({@code agents} distinct agents; the first success wins). Unset fields take the server's defaults; the leader
 * fills them in before the task enters the log, so a stored strategy is complete.
 *
 * @param compare {@code exact}, {@code json} (canonical JSON) or {@code text} (whitespace and case folded);
 *     consensus only
 * @param timeoutSeconds a consensus or race task still undecided this long after submission ends
 *     {@code timed_out}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Strategy(String kind, Integer agents, Integer quorum, String compare, Integer timeoutSeconds) {
    public static final String SINGLE = "single";
    public static final String CONSENSUS = "consensus";
    public static final String RACE = "race";
    public static final String COMPARE_EXACT = "exact";
    public static final String COMPARE_JSON = "json";
    public static final String COMPARE_TEXT = "text";

    public static final Strategy SINGLE_AGENT = new Strategy(SINGLE, null, null, null, null);

    public static Strategy consensus(int agents, int quorum, String compare) {
        return new Strategy(CONSENSUS, agents, quorum, compare, null);
    }

    public static Strategy race(int agents) {
        return new Strategy(RACE, agents, null, null, null);
    }

    /** True for strategies that fan a task out to several agents. */
    @JsonIgnore
    public boolean fansOut() {
        return CONSENSUS.equals(kind) || RACE.equals(kind);
    }

    /** Sources of a fan-out, 1 for {@code single}. */
    @JsonIgnore
    public int sourceCount() {
        return fansOut() && agents != null ? agents : 1;
    }
}
