package dev.baton.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.core.state.WorkflowSpec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a workflow's shape before it runs: step ids, dependencies (known, no cycles) and templates (well formed,
 * referring only to the workflow input and to steps the step depends on, directly or not). The leader runs it to
 * answer 400s naming the step and field; apply runs it again and rejects what fails. Pure and deterministic.
 */
public final class WorkflowChecks {
    public static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private WorkflowChecks() {}

    /** What is wrong and where: {@code field} follows the request's shape, e.g. {@code steps[2].dependsOn[0]}. */
    public record Problem(String field, String detail) {}

    /** The first problem of {@code spec}, or empty when it may run. */
    public static Optional<Problem> check(WorkflowSpec spec) {
        List<WorkflowSpec.Step> steps = spec.steps();
        if (steps.isEmpty() || steps.size() > WorkflowSpec.MAX_STEPS) {
            return problem("steps", "a workflow needs 1 to " + WorkflowSpec.MAX_STEPS + " steps, got " + steps.size());
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            String id = steps.get(i).id();
            if (id == null || !STEP_ID.matcher(id).matches()) {
                return problem("steps[" + i + "].id", "step id '" + id + "' must be 1-64 letters, digits, _ or -");
            }
            if (index.putIfAbsent(id, i) != null) {
                return problem("steps[" + i + "].id", "step id '" + id + "' is used twice");
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            WorkflowSpec.Step step = steps.get(i);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < step.dependsOn().size(); j++) {
                String dep = step.dependsOn().get(j);
                String field = "steps[" + i + "].dependsOn[" + j + "]";
                if (!index.containsKey(dep)) {
                    return problem(field, "step '" + step.id() + "' depends on '" + dep + "', which is not a step "
                            + "of this workflow");
                }
                if (dep.equals(step.id())) {
                    return problem(field, "step '" + step.id() + "' depends on itself");
                }
                if (!seen.add(dep)) {
                    return problem(field, "step '" + step.id() + "' lists '" + dep + "' twice");
                }
            }
        }
        Optional<Problem> cycle = cycle(steps, index);
        if (cycle.isPresent()) {
            return cycle;
        }
        JsonNode input = parse(spec.inputJson());
        for (int i = 0; i < steps.size(); i++) {
            Optional<Problem> template = checkTemplate(steps, i, index, input);
            if (template.isPresent()) {
                return template;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> checkTemplate(List<WorkflowSpec.Step> steps, int i, Map<String, Integer> index,
                                                   JsonNode input) {
        WorkflowSpec.Step step = steps.get(i);
        String field = "steps[" + i + "].task.input";
        List<Templates.Reference> refs;
        try {
            refs = Templates.references(parse(step.task().inputJson()));
        } catch (Templates.TemplateException e) {
            return problem(field + e.at(), "step '" + step.id() + "': " + e.getMessage());
        }
        Set<String> ancestors = ancestors(steps, i, index);
        for (Templates.Reference ref : refs) {
            if (ref.stepId() == null) {
                if (input.at(ref.pointer()).isMissingNode()) {
                    return problem(field + ref.at(), "step '" + step.id() + "' refers to workflow.input"
                            + ref.pointer() + ", which is not in the workflow's input");
                }
            } else if (!ancestors.contains(ref.stepId())) {
                return problem(field + ref.at(), "step '" + step.id() + "' refers to steps." + ref.stepId()
                        + ".output, but " + (index.containsKey(ref.stepId()) ? "does not depend on '"
                        + ref.stepId() + "' (add it to dependsOn)" : "there is no step '" + ref.stepId() + "'"));
            }
        }
        return Optional.empty();
    }

    /** Kahn's algorithm; a step left over lies on or behind a cycle, which is then walked to name it. */
    private static Optional<Problem> cycle(List<WorkflowSpec.Step> steps, Map<String, Integer> index) {
        int[] waiting = new int[steps.size()];
        Map<String, List<Integer>> dependents = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            waiting[i] = steps.get(i).dependsOn().size();
            for (String dep : steps.get(i).dependsOn()) {
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(i);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < steps.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        int done = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            done++;
            for (int d : dependents.getOrDefault(steps.get(i).id(), List.of())) {
                if (--waiting[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (done == steps.size()) {
            return Optional.empty();
        }
        int start = 0;
        while (waiting[start] == 0) {
            start++;
        }
        List<String> path = new ArrayList<>();
        int at = start;
        Set<Integer> visited = new HashSet<>();
        while (visited.add(at)) { // follow unfinished dependencies until one repeats: that closes the cycle
            path.add(steps.get(at).id());
            int next = -1;
            for (String dep : steps.get(at).dependsOn()) {
                if (waiting[index.get(dep)] > 0) {
                    next = index.get(dep);
                    break;
                }
            }
            at = next;
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(steps.get(at).id()), path.size()));
        loop.add(steps.get(at).id());
        return problem("steps[" + at + "].dependsOn", "the dependencies form a cycle: "
                + String.join(" -> ", loop));
    }

    private static Set<String> ancestors(List<WorkflowSpec.Step> steps, int i, Map<String, Integer> index) {
        Set<String> out = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(steps.get(i).dependsOn());
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (out.add(id)) {
                todo.addAll(steps.get(index.get(id)).dependsOn());
            }
        }
        return out;
    }

    /** Parses stored JSON text (leader-validated); a corrupt one is a programming error. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json == null ? "null" : json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }

    /** Compact JSON text of {@code node}. */
    public static String text(JsonNode node) {
        return node.toString();
    }

    private static Optional<Problem> problem(String field, String detail) {
        return Optional.of(new Problem(field, detail));
    }
}
