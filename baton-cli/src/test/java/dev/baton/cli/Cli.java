package dev.baton.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code baton} in-process with captured output. */
final class Cli {
    private Cli() {}

    /** The exit code and both outputs of one invocation. */
    record Result(int exitCode, String out, String err) {}

    /** Runs {@code baton args...}. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = BatonCommand.commandLine(args);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
