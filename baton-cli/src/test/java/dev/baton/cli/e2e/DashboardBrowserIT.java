package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: {@code baton dev} through the jar, then headless Chromium driven by
 * {@code src/test/ui/dashboard-check.js} (Playwright) signs in, sees the node, agents and counts, watches a task it
 * submitted arrive in the live feed and finish, and opens its detail. Needs Chromium ({@code /usr/bin/chromium} or
 * {@code $CHROMIUM}), Node.js and {@code npm ci} in {@code baton-cli/src/test/ui}; {@code .ci/run} installs them.
 * Without them the test is skipped and says which is missing. The screenshot lands in
 * {@code target/dashboard.png}.
 */
class DashboardBrowserIT {
    static final Path UI = Path.of("src", "test", "ui");

    @TempDir
    Path dataDir;

    @Test
    void dashboard_signInSeeTheClusterAndFollowATaskLive() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(chromium)),
                "skipped: no Chromium at " + chromium + " (apt-get install chromium, or set CHROMIUM)");
        Assumptions.assumeTrue(onPath("node"), "skipped: no Node.js on the PATH (apt-get install nodejs)");
        Assumptions.assumeTrue(Files.isDirectory(UI.resolve("node_modules/playwright-core")),
                "skipped: Playwright is not installed (cd baton-cli/src/test/ui && npm ci)");

        int port = BatonProcess.freePort();
        try (BatonProcess dev = BatonProcess.dev(dataDir, port)) {
            String token = Files.readString(dataDir.resolve("admin.token")).strip();
            Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
            Process check = new ProcessBuilder(List.of("node", "dashboard-check.js", dev.url(), token,
                    screenshot.toString())).directory(UI.toFile()).redirectErrorStream(true).start();
            boolean done = check.waitFor(120, TimeUnit.SECONDS);
            String output = new String(check.getInputStream().readAllBytes());
            if (!done) {
                check.destroyForcibly();
            }
            assertThat(done).as("the browser check did not finish within 120 s: " + output).isTrue();
            assertThat(check.exitValue()).as(output).isZero();
            assertThat(output).contains("\"ok\":true").contains("\"detailShowsResult\":true")
                    .doesNotContain(token);
            assertThat(screenshot).exists();
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
