package dev.baton.core.state;

import java.util.List;

/**
 * A validated workflow submission: a DAG of steps, each a task spec whose {@code inputJson} is a template (see
 * {@link dev.baton.core.workflow.Templates}).
 *
 * @param name a label for people, or null
 * @param inputJson the workflow input as compact JSON text, which templates read as {@code workflow.input}
 * @param failFast true: the first failed step cancels the running ones and skips the rest; false: only the steps
 *     that depend on a failed step are skipped, the others run on
 * @param idempotencyKey null when none; unique per tenant among workflows
 */
public record WorkflowSpec(String name, String tenant, String inputJson, boolean failFast, String idempotencyKey,
                           List<Step> steps) {
    /** Most steps a workflow may have. */
    public static final int MAX_STEPS = 100;

    public WorkflowSpec {
        tenant = tenant == null ? TaskSpec.DEFAULT_TENANT : tenant;
        steps = List.copyOf(steps);
    }

    /** One step: its id (unique in the workflow), the steps it waits for, and the task it runs. */
    public record Step(String id, List<String> dependsOn, TaskSpec task) {
        public Step {
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        }
    }
}
