package dev.baton.cli;

import dev.baton.client.FakeBaton;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.TaskList;
import dev.baton.api.TaskState;
import dev.baton.client.BatonJson;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TasksCommandTest {
    private FakeBaton fake;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeBaton();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private Cli.Result baton(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", fake.url(), "--token", "secret"));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void list_filters_areSentAndTasksPrintedAsTable() {
        fake.on("GET", "/v1/tasks", r -> FakeBaton.Reply.json(200, new TaskList(List.of(
                Fixtures.task("t-1", TaskState.SUCCEEDED), Fixtures.task("t-22", TaskState.QUEUED)), "c-2")));

        Cli.Result result = baton("tasks", "list", "--state", "succeeded", "-c", "echo", "--limit", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(fake.requests().getFirst().query()).isEqualTo("state=succeeded&capability=echo&limit=2");
        assertThat(result.out().lines().toList()).containsExactly(
                "ID    STATE      CAPABILITY  PRI  ATTEMPT  AGENT    CREATED",
                "t-1   succeeded  echo        3    1/3      agent-1  2025-01-01T00:00:00Z",
                "t-22  queued     echo        3    0/3      -        2025-01-01T00:00:00Z",
                "more: baton tasks list --cursor c-2");
    }

    @Test
    void list_unknownState_isUsageError() {
        Cli.Result result = baton("tasks", "list", "--state", "done");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("timed_out");
    }

    @Test
    void list_empty_saysSo() {
        fake.on("GET", "/v1/tasks", r -> FakeBaton.Reply.json(200, new TaskList(List.of(), null)));

        assertThat(baton("tasks", "list").out()).isEqualTo("no tasks\n");
    }

    @Test
    void get_succeeded_printsDetailWithResult() {
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.SUCCEEDED)));

        Cli.Result result = baton("tasks", "get", "t-1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("id:", "t-1", "attempt:", "1 of 3", "labels:", "team=ml",
                "input:", "{\"q\":1}", "result:", "{\"answer\":42}", "#1 agent-1 succeeded");
        assertThat(fake.requests().getFirst().query()).isNull();
    }

    @Test
    void get_waitAndCancelled_exitsOne() {
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.CANCELLED)));

        assertThat(baton("tasks", "get", "t-1", "--wait").exitCode()).isEqualTo(ExitCodes.TASK_NOT_SUCCEEDED);
    }

    @Test
    void get_unknownTask_exitsFive() {
        fake.on("GET", "/v1/tasks/nope", r -> FakeBaton.Reply.problem(404, "Not Found", "no task nope"));

        Cli.Result result = baton("tasks", "get", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err()).contains("no task nope");
    }

    @Test
    void cancel_running_printsCancelledTask() {
        fake.on("POST", "/v1/tasks/t-1/cancel",
                r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.CANCELLED)));

        Cli.Result result = baton("tasks", "cancel", "t-1", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(BatonJson.parse(result.out()).path("state").asText()).isEqualTo("cancelled");
    }
}
