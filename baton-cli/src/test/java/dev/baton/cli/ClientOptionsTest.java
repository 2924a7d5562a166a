package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientOptionsTest {

    private static ClientOptions parse(String... args) {
        AgentsCommand command = new AgentsCommand();
        new CommandLine(command).parseArgs(args);
        return command.options;
    }

    @Test
    void token_givenOnCommandLine_wins(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("admin.token"), "from-file\n");

        assertThat(parse("--token", "explicit", "--data-dir", dir.toString()).resolvedToken()).isEqualTo("explicit");
    }

    @Test
    void token_notGiven_isReadFromDataDirAdminToken(@TempDir Path dir) throws IOException {
        assumeTrue(System.getenv("BATON_TOKEN") == null, "BATON_TOKEN is set in this environment");
        Files.writeString(dir.resolve("admin.token"), "  from-file\n");

        assertThat(parse("--data-dir", dir.toString()).resolvedToken()).isEqualTo("from-file");
    }

    @Test
    void token_nowhere_isNull(@TempDir Path dir) {
        assumeTrue(System.getenv("BATON_TOKEN") == null, "BATON_TOKEN is set in this environment");

        assertThat(parse("--data-dir", dir.toString()).resolvedToken()).isNull();
    }

    @Test
    void url_notGiven_defaultsToLocalhost8080() {
        assumeTrue(System.getenv("BATON_URL") == null, "BATON_URL is set in this environment");

        assertThat(parse().url()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void url_severalNodes_isKeptAsGiven() {
        assertThat(parse("--url", "http://a:8080,http://b:8080").url()).isEqualTo("http://a:8080,http://b:8080");
    }

    @Test
    void url_badSecondNode_isUsageErrorNamingIt() {
        Cli.Result result = Cli.run("agents", "--url", "http://127.0.0.1:1,localhost:8081", "--token", "t");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("'localhost:8081'", "node 2");
    }

    @Test
    void failoverWindow_notGiven_defaultsTo15Seconds() {
        assumeTrue(System.getenv("BATON_FAILOVER_WINDOW") == null, "BATON_FAILOVER_WINDOW is set in this environment");

        assertThat(parse().failoverWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(parse("--failover-window", "500ms").failoverWindow()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void output_shortOption_selectsJson() {
        assertThat(parse("-o", "json").output()).isEqualTo(OutputFormat.JSON);
        assertThat(parse().output()).isEqualTo(OutputFormat.TEXT);
    }
}
