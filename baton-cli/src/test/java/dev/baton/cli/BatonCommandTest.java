package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatonCommandTest {

    @Test
    void help_root_listsVerbsAndExitCodes() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("submit", "tasks", "workflows", "agents", "status", "health", "agent", "keys");
        assertThat(result.out()).contains("Exit codes:", "0   OK.", "1   The task or workflow ended but did not succeed",
                "2   Usage error", "3   Server unreachable", "4   Authentication", "5   Request rejected",
                "6   Server error");
    }

    @Test
    void commandLine_startingWithAVerb_buildsOnlyThatVerb() {
        assertThat(BatonCommand.commandLine("dev", "--port", "9999").getSubcommands()).containsOnlyKeys("dev", "help");
        assertThat(BatonCommand.commandLine("--help").getSubcommands()).hasSize(BatonCommand.VERBS.size() + 1)
                .containsKeys("dev", "server", "bench", "restore", "encryption", "help");
    }

    @Test
    void help_ofAVerb_printsItsUsage() {
        Cli.Result result = Cli.run("help", "dev");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: baton dev", "--demo-agents");
    }

    @Test
    void version_outsideJar_printsDevVersion() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("baton ");
    }

    @Test
    void run_noCommand_isUsageError() {
        assertThat(Cli.run().exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void run_unknownCommand_isUsageError() {
        Cli.Result result = Cli.run("frobnicate");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("frobnicate");
    }

    @Test
    void tasks_noSubcommand_isUsageError() {
        Cli.Result result = Cli.run("tasks");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("list, get, cancel or input");
    }

    @Test
    void submit_missingCapability_isUsageError() {
        Cli.Result result = Cli.run("submit", "--input", "{}");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--capability");
    }

    @Test
    void submit_inputNotJson_isUsageErrorNamingTheValue() {
        Cli.Result result = Cli.run("submit", "-c", "echo", "--input", "hello");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("'hello'", "not valid JSON");
    }

    @Test
    void submit_badTimeout_isUsageError() {
        Cli.Result result = Cli.run("submit", "-c", "echo", "--timeout", "soon");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("500ms, 60s, 5m or 1h");
    }

    @Test
    void output_unknownFormat_isUsageError() {
        Cli.Result result = Cli.run("agents", "-o", "yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("text, json");
    }

    @Test
    void keysCreate_unknownRole_isUsageErrorListingRoles() {
        Cli.Result result = Cli.run("keys", "create", "--name", "x", "--role", "root");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("admin, operator, submitter, agent, viewer");
    }

    @Test
    void client_badUrl_isUsageError() {
        Cli.Result result = Cli.run("agents", "--url", "localhost:8080", "--token", "t");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("localhost:8080");
    }

    @Test
    void submit_inputAndInputFile_isUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("input.json"), "2");

        Cli.Result result = Cli.run("submit", "-c", "echo", "--input", "1", "--input-file", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("mutually exclusive");
    }
}
