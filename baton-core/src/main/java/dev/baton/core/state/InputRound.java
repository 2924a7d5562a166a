package dev.baton.core.state;

/**
 * One question an agent asked about a task, and its answer once given.
 *
 * @param round 1 for the task's first question, counting up
 * @param attempt the attempt that asked; it ended when it asked
 * @param schemaJson the JSON Schema the answer must satisfy, as compact JSON text (checked by the leader, not apply)
 * @param deadlineMs when an unanswered question times the task out, 0 for never
 * @param answerJson the answer as compact JSON text, null while unanswered
 * @param answeredAtMs 0 while unanswered
 */
public record InputRound(int round, int attempt, String prompt, String schemaJson, long askedAtMs, long deadlineMs,
                         String answerJson, long answeredAtMs) {
    /** Questions a task may ask in its life; each ends an attempt, so this also bounds its attempt list. */
    public static final int MAX_ROUNDS = 20;

    public boolean answered() {
        return answerJson != null;
    }

    InputRound answer(String json, long nowMs) {
        return new InputRound(round, attempt, prompt, schemaJson, askedAtMs, deadlineMs, json, nowMs);
    }
}
