package dev.baton.cli;

import dev.baton.client.BatonApiException;
import dev.baton.client.BatonClient;
import dev.baton.client.BatonException;
import dev.baton.client.BatonJson;
import dev.baton.client.BatonTimeoutException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that call a Baton server: builds the client from {@link ClientOptions}
 * and turns client failures into a message on standard error and an {@link ExitCodes} value.
 * Runs on the main thread; one instance per invocation.
 */
abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    /** Runs the command with a ready client and returns its exit code. */
    abstract int run(BatonClient client) throws Exception;

    @Override
    public final Integer call() throws Exception {
        BatonClient client;
        try {
            client = options.client();
        } catch (IllegalArgumentException e) {
            err().println("baton: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (client) {
            return run(client);
        } catch (BatonException e) {
            return fail(e);
        }
    }

    /** Prints a failed call for people (standard error) and, with {@code -o json}, its problem for scripts. */
    int fail(BatonException e) {
        if (e instanceof BatonApiException api) {
            err().println("baton: " + api.getMessage());
            if (api.isAuthFailure()) {
                err().println("baton: the token came from " + options.tokenSource()
                        + "; pass --token, set BATON_TOKEN, or use a key with the needed role");
            }
            if (options.json()) {
                out().println(BatonJson.writePretty(api.problem()));
            }
        } else if (e instanceof BatonTimeoutException || e.getCause() instanceof BatonApiException) {
            err().println("baton: " + e.getMessage());
        } else {
            err().println("baton: " + e.getMessage() + " (is the server running? set --url or BATON_URL)");
        }
        out().flush();
        err().flush();
        return ExitCodes.of(e);
    }

    /** Where replies go. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where errors and progress go. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a reply as pretty JSON. */
    void printJson(Object reply) {
        out().println(BatonJson.writePretty(reply));
        out().flush();
    }

    /** Prints text and flushes. */
    void print(String text) {
        out().print(text);
        out().flush();
    }
}
