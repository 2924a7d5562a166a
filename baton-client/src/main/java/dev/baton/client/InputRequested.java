package dev.baton.client;

/**
 * Thrown by a {@link TaskHandler} (as returned by {@link TaskContext#requestInput}) once its question reached Baton:
 * the attempt is over and the task waits in {@code awaiting_input}, so the worker reports no result for it.
 * Immutable.
 */
public final class InputRequested extends RuntimeException {
    private final String taskId;
    private final int round;

    InputRequested(String taskId, int round) {
        super("task " + taskId + " is awaiting input (question " + round + ")", null, false, false);
        this.taskId = taskId;
        this.round = round;
    }

    public String taskId() {
        return taskId;
    }

    /** The question's number among those the task asked, 1 for the first. */
    public int round() {
        return round;
    }
}
