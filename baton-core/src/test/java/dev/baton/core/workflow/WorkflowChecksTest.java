package dev.baton.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.WorkflowSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link WorkflowChecks}: every rejection names the step and the field. */
class WorkflowChecksTest {
    private static WorkflowSpec.Step step(String id, String template, String... dependsOn) {
        return new WorkflowSpec.Step(id, List.of(dependsOn), new TaskSpec("echo", template, 3, null, null, null,
                null, null));
    }

    private static Optional<WorkflowChecks.Problem> check(String input, WorkflowSpec.Step... steps) {
        return WorkflowChecks.check(new WorkflowSpec(null, null, input, true, null, List.of(steps)));
    }

    @Test
    void validDiamond_passes() {
        assertThat(check("{\"a\":1}", step("a", "{\"$ref\":\"workflow.input/a\"}"), step("b", "1", "a"),
                step("c", "2", "a"), step("d", "{\"x\":{\"$ref\":\"steps.a.output\"}}", "b", "c"))).isEmpty();
    }

    @Test
    void cycle_isNamedWithItsPath() {
        Optional<WorkflowChecks.Problem> p = check("{}", step("a", "1"), step("b", "1", "a", "d"), step("c", "1", "b"),
                step("d", "1", "c"));

        assertThat(p).isPresent();
        assertThat(p.get().field()).matches("steps\\[[123]\\]\\.dependsOn");
        assertThat(p.get().detail()).contains("cycle").contains("b").contains("c").contains("d");
    }

    @Test
    void unknownOrSelfDependency_namesTheEntry() {
        assertThat(check("{}", step("a", "1", "nope")).orElseThrow().field()).isEqualTo("steps[0].dependsOn[0]");
        assertThat(check("{}", step("a", "1"), step("b", "1", "a", "b")).orElseThrow().field())
                .isEqualTo("steps[1].dependsOn[1]");
    }

    @Test
    void duplicateOrBadStepId_isRejected() {
        assertThat(check("{}", step("a", "1"), step("a", "1")).orElseThrow().field()).isEqualTo("steps[1].id");
        assertThat(check("{}", step("a.b", "1")).orElseThrow().field()).isEqualTo("steps[0].id");
    }

    @Test
    void badTemplates_nameTheStepAndThePointer() {
        assertThat(check("{}", step("a", "{\"x\":[{\"$ref\":\"elsewhere\"}]}")).orElseThrow().field())
                .isEqualTo("steps[0].task.input/x/0");
        assertThat(check("{}", step("a", "{\"$ref\":\"workflow.input\",\"more\":1}")).orElseThrow().field())
                .isEqualTo("steps[0].task.input");
        assertThat(check("{}", step("a", "{\"y\":{\"$ref\":\"workflow.input/missing\"}}")).orElseThrow().field())
                .isEqualTo("steps[0].task.input/y");
        WorkflowChecks.Problem notAncestor = check("{}", step("a", "1"), step("b", "{\"$ref\":\"steps.a.output\"}"))
                .orElseThrow();
        assertThat(notAncestor.field()).isEqualTo("steps[1].task.input");
        assertThat(notAncestor.detail()).contains("step 'b'").contains("dependsOn");
    }
}
