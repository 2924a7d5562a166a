package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest {

    @Test
    void outsideACheckout_isNull(@TempDir Path dir) {
        assertThat(GitCommit.in(dir.toFile())).isNull();
    }

    /** Not the working directory: the directory of the running code (here the module's build output). */
    @Test
    void codeDirectory_isWhereTheRunningCodeLives() {
        assertThat(GitCommit.codeDirectory().toPath().toAbsolutePath().normalize())
                .endsWith(Path.of("baton-bench", "target", "classes"));
    }

    /** The tests run from this module's classes directory, inside the checkout; the working directory is irrelevant. */
    @Test
    void current_isTheCommitOfTheCheckoutTheCodeRunsFrom() {
        String fromModule = GitCommit.in(new File(System.getProperty("user.dir")));
        assumeTrue(fromModule != null, "skipped: this build does not run inside a git checkout (or has no git)");

        assertThat(GitCommit.current()).isEqualTo(fromModule).matches("[0-9a-f]{7,}");
    }
}
