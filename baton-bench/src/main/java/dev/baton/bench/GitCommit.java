package dev.baton.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The commit the bench ran from: {@code git rev-parse --short HEAD} in the directory of the code that runs (the
 * checkout {@code baton-bench.jar} was built in, wherever the bench is started from), or null outside a checkout.
 * Stateless.
 */
final class GitCommit {
    private GitCommit() {}

    static String current() {
        return in(codeDirectory());
    }

    /** The commit checked out at {@code dir}, or null when it is not inside a git checkout. */
    static String in(File dir) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(dir)
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The directory holding this class's jar (or classes directory); the working directory if unknown. */
    static File codeDirectory() {
        try {
            Path code = Path.of(GitCommit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            return dir == null ? new File(".") : dir.toFile();
        } catch (URISyntaxException | RuntimeException e) {
            return new File(".");
        }
    }
}
