package dev.baton.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.baton.api.AgentState;
import dev.baton.api.AgentTier;
import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.Role;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.AwaitInput;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.CancelWorkflow;
import dev.baton.core.command.Command;
import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.DeleteTenant;
import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.Noop;
import dev.baton.core.command.ProvideInput;
import dev.baton.core.command.RecordFeedback;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.RecordAudit;
import dev.baton.core.command.RequestStamp;
import dev.baton.core.command.Requested;
import dev.baton.core.command.RevokeApiKey;
import dev.baton.core.command.RotateApiKey;
import dev.baton.core.command.ExpireApiKeys;
import dev.baton.core.command.SetAgentState;
import dev.baton.core.command.SetTenant;
import dev.baton.core.command.StartTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitTasks;
import dev.baton.core.command.SubmitWorkflow;
import dev.baton.core.command.TimeOutTask;
import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.TenantSettings;
import dev.baton.core.state.WorkflowSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandCodecTest {
    private static final long NOW = 1_700_000_000_123L;
    private static final TenantSettings TENANT = new TenantSettings(100.5, BudgetPeriod.MONTH, 80.0, 16, 3,
            BudgetAction.HOLD);

    /** One fully populated instance of every command type. */
    static List<Command> samples() {
        TaskSpec spec = new TaskSpec("code.review", "{\"diff\":\"+a\\n-b\",\"n\":1.5}", 5, "idem-1", "acme",
                Map.of("team", "core", "env", "prod"),
                new RetryPolicy(4, 250, 1.5, 10_000, List.of("BAD_INPUT", "FORBIDDEN")),
                new Timeouts(30_000, 60_000, 5_000));
        return List.of(
                new RegisterAgent("agent-1", "Reviewer ü", List.of("code.review", "summarize"),
                        Map.of("region", "eu", "tier", "premium"), 8, NOW, 0.125, AgentTier.PREMIUM, "acme"),
                new SetAgentState("agent-1", AgentState.DRAINING, "rolling update", NOW),
                new DeregisterAgent("agent-1", NOW),
                new SubmitTask("task-1", spec, NOW, TENANT),
                new LeaseTasks("agent-1", List.of("task-1", "task-2"), NOW, Map.of("acme", TENANT)),
                new StartTasks("agent-1", List.of(new TaskRef("task-1", 1), new TaskRef("task-2", 3)), NOW),
                new ReportResults("agent-1", List.of(
                        new ReportResults.Report("task-1", 1, TaskState.SUCCEEDED, "{\"ok\":true}", null, 0, 2.5),
                        new ReportResults.Report("task-2", 3, TaskState.FAILED, null,
                                ErrorInfo.of("RATE_LIMITED", "429 from upstream", true), 1_734)), NOW),
                new ExpireAttempt("task-1", 2, ErrorInfo.of(ErrorCodes.HEARTBEAT_TIMEOUT, "no heartbeat", true), 900,
                        NOW),
                new TimeOutTask("task-1", NOW),
                new CancelTask("task-1", "user asked", NOW),
                new CreateApiKey("key-1", "ci", Role.SUBMITTER, "ab".repeat(32), "acme", NOW + 3_600_000, NOW),
                new RevokeApiKey("key-1", NOW),
                new EvictFinishedTasks(NOW - 86_400_000, 500, NOW),
                new Noop(NOW),
                new SetTenant("acme", TENANT, NOW),
                new DeleteTenant("acme", NOW),
                new AwaitInput("task-1", 2, "Approve the refund?", "{\"type\":\"object\"}", NOW + 60_000, NOW),
                new ProvideInput("task-1", 1, "{\"approved\":true}", NOW),
                new RotateApiKey("key-1", "cd".repeat(32), NOW + 60_000, NOW),
                new ExpireApiKeys(NOW),
                new Requested(STAMP, new CancelTask("task-2", "user asked", NOW), NOW),
                new RecordAudit(STAMP.withResource("tasks/task-3"), "forbidden", NOW),
                new RecordFeedback("task-1", 0.75, NOW),
                new SubmitWorkflow("w_1", new WorkflowSpec("nightly", "acme", "{\"url\":\"x\"}", false, "wf-key",
                        List.of(new WorkflowSpec.Step("fetch", List.of(), spec),
                                new WorkflowSpec.Step("sum", List.of("fetch"), spec))), NOW),
                new CancelWorkflow("w_1", "enough", NOW),
                new SubmitTasks(List.of(new SubmitTask("task-4", spec, NOW, TENANT),
                        new SubmitTask("task-5", spec, NOW, null)), NOW));
    }

    private static final RequestStamp STAMP = new RequestStamp("key-1", "ci ü", Role.SUBMITTER, "acme",
            "POST /v1/tasks/{id}/cancel", "tasks/task-2", "req-1", "10.0.0.7", 10_000);

    /** Exhaustive over the sealed hierarchy: a new command type does not compile here until it gets a sample. */
    private static String describe(Command command) {
        return switch (command) {
            case RegisterAgent c -> "register " + c.agentId();
            case SetAgentState c -> "set state of " + c.agentId();
            case DeregisterAgent c -> "deregister " + c.agentId();
            case SubmitTask c -> "submit " + c.taskId();
            case LeaseTasks c -> "lease to " + c.agentId();
            case StartTasks c -> "start on " + c.agentId();
            case ReportResults c -> "results of " + c.agentId();
            case ExpireAttempt c -> "expire " + c.taskId();
            case TimeOutTask c -> "time out " + c.taskId();
            case CancelTask c -> "cancel " + c.taskId();
            case CreateApiKey c -> "create key " + c.keyId();
            case RevokeApiKey c -> "revoke key " + c.keyId();
            case EvictFinishedTasks c -> "evict " + c.max();
            case Noop c -> "noop";
            case SetTenant c -> "set tenant " + c.name();
            case DeleteTenant c -> "delete tenant " + c.name();
            case AwaitInput c -> "await input on " + c.taskId();
            case ProvideInput c -> "answer " + c.taskId();
            case SubmitWorkflow c -> "submit workflow " + c.workflowId();
            case CancelWorkflow c -> "cancel workflow " + c.workflowId();
            case RotateApiKey c -> "rotate key " + c.keyId();
            case ExpireApiKeys c -> "expire keys";
            case Requested c -> "requested " + describe(c.command());
            case RecordAudit c -> "audit " + c.request().resource();
            case RecordFeedback c -> "feedback on " + c.taskId();
            case SubmitTasks c -> "submit " + c.tasks().size() + " tasks";
        };
    }

    @Test
    void samples_coverEveryPermittedCommandType() {
        Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        assertThat(samples()).extracting(CommandCodecTest::describe).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decode_encodedCommand_returnsEqualCommand(Command command) {
        List<Command> decoded = CommandCodec.decode(CommandCodec.encode(List.of(command)));

        assertThat(decoded).as(describe(command)).containsExactly(command);
    }

    @Test
    void decode_encodedBatch_keepsOrder() {
        List<Command> batch = samples();

        assertThat(CommandCodec.decode(CommandCodec.encode(batch))).isEqualTo(batch);
    }

    @Test
    void encode_sameBatch_givesSameBytes() {
        byte[] first = CommandCodec.encode(samples());
        byte[] again = CommandCodec.encode(CommandCodec.decode(first));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void decode_emptyBatch_returnsEmptyList() {
        assertThat(CommandCodec.decode(CommandCodec.encode(List.of()))).isEmpty();
    }

    @Test
    void decode_nullFields_roundTrip() {
        Command sparse = new ReportResults("a", List.of(
                new ReportResults.Report("t", 1, TaskState.FAILED, null, null, 0)), NOW);
        Command noReason = new CancelTask("t", null, NOW);

        assertThat(CommandCodec.decode(CommandCodec.encode(List.of(sparse, noReason))))
                .containsExactly(sparse, noReason);
    }

    @Test
    void decode_entryWithNewerField_ignoresIt() {
        byte[] entry = entry("[{\"type\":\"TimeOutTask\",\"taskId\":\"t1\",\"nowMs\":5,\"addedLater\":true}]");

        assertThat(CommandCodec.decode(entry)).containsExactly(new TimeOutTask("t1", 5));
    }

    @Test
    void decode_entriesWrittenBeforeCosts_readAsFreeStandardAgentAndNoReportedCost() {
        byte[] entry = entry("[{\"type\":\"RegisterAgent\",\"agentId\":\"a1\",\"name\":\"n\","
                + "\"capabilities\":[\"c\"],\"labels\":{},\"maxConcurrency\":2,\"nowMs\":5},"
                + "{\"type\":\"ReportResults\",\"agentId\":\"a1\",\"nowMs\":6,\"reports\":[{\"taskId\":\"t1\","
                + "\"attempt\":1,\"status\":\"succeeded\",\"outputJson\":\"1\",\"retryDelayMs\":0}]}]");

        assertThat(CommandCodec.decode(entry)).containsExactly(
                new RegisterAgent("a1", "n", List.of("c"), Map.of(), 2, 5),
                new ReportResults("a1", List.of(new ReportResults.Report("t1", 1, TaskState.SUCCEEDED, "1", null, 0)),
                        6));
    }

    @Test
    void decode_unknownVersion_throwsIllegalArgument() {
        byte[] entry = CommandCodec.encode(samples());
        entry[1] = 3;

        assertThatThrownBy(() -> CommandCodec.decode(entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 3");
    }

    @Test
    void decode_version1JsonEntriesOfEarlierBuilds_readAsTheSameCommands() {
        byte[] json = CommandCodec.encodeVersion1(samples());

        assertThat(json[1]).isEqualTo(CommandCodec.VERSION_1);
        assertThat(CommandCodec.decode(json)).isEqualTo(samples());
    }

    @Test
    void decode_smileEndMarkerInsideAnObject_isRejectedInsteadOfLoopingForever() throws Exception {
        byte[] body = CommandCodecTest.class.getResourceAsStream(
                "CommandCodecFuzzTestInputs/decode_anySmileBody_decodesOrRejects/hang-end-marker-inside-object")
                .readAllBytes();
        byte[] entry = new byte[body.length + 2];
        entry[0] = 'B';
        entry[1] = CommandCodec.VERSION_2;
        System.arraycopy(body, 0, entry, 2, body.length);

        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> assertThatThrownBy(
                () -> CommandCodec.decode(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level(s) deep"));
    }

    @Test
    void encode_writesVersion2Smile_smallerThanTheJsonOfVersion1() {
        byte[] entry = CommandCodec.encode(samples());

        assertThat(entry[1]).isEqualTo(CommandCodec.VERSION_2);
        assertThat(new String(entry, 2, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(":)\n"); // Smile
        assertThat(entry.length).isLessThan(CommandCodec.encodeVersion1(samples()).length);
    }

    @Test
    void decode_wrongMagic_throwsIllegalArgument() {
        byte[] entry = CommandCodec.encode(samples());
        entry[0] = 'X';

        assertThatThrownBy(() -> CommandCodec.decode(entry)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decode_truncatedEntry_throwsIllegalArgument() {
        byte[] entry = CommandCodec.encode(samples());

        assertThatThrownBy(() -> CommandCodec.decode(Arrays.copyOf(entry, entry.length / 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandCodec.decode(Arrays.copyOf(entry, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "{\"type\":\"TimeOutTask\",\"taskId\":\"t1\",\"nowMs\":5}",
            "[{\"type\":\"LaunchRockets\",\"nowMs\":5}]",
            "[{\"taskId\":\"t1\",\"nowMs\":5}]",
            "[{\"type\":\"TimeOutTask\",\"taskId\":\"t1\",\"nowMs\":\"soon\"}]",
            "null",
            "[null]",
    })
    void decode_corruptPayload_throwsIllegalArgument(String payload) {
        assertThatThrownBy(() -> CommandCodec.decode(entry(payload)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] entry(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[payload.length + 2];
        entry[0] = 'B';
        entry[1] = 1;
        System.arraycopy(payload, 0, entry, 2, payload.length);
        return entry;
    }
}
