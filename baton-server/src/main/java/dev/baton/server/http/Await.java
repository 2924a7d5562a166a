package dev.baton.server.http;

import dev.baton.core.state.Outcome;
import dev.baton.server.control.NotLeaderException;
import dev.baton.server.control.OutcomeUnknownException;
import dev.baton.server.control.UnknownAgentException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocks a (virtual) request thread on a control future and turns failures into problem documents. */
final class Await {
    static final long COMMIT_TIMEOUT_MS = 10_000;

    private Await() {}

    static <T> T result(CompletableFuture<T> future, long timeoutMs) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ApiProblem.outcomeUnknown("no commit within " + timeoutMs + " ms; the request may still be "
                    + "applied — retry with the same idempotency key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while waiting for the commit");
        } catch (ExecutionException | CompletionException e) {
            throw translate(e.getCause());
        }
    }

    /** Waits for a commit and fails with the right problem when the command was rejected. */
    static Outcome committed(CompletableFuture<Outcome> future) {
        return check(result(future, COMMIT_TIMEOUT_MS));
    }

    /** {@code outcome}, or the problem a refused command answers with (404, 409, 422, 429 for a spent budget). */
    static Outcome check(Outcome outcome) {
        if (outcome instanceof Outcome.BudgetExhausted b) {
            throw TenantProblems.budgetExhausted(b, System.currentTimeMillis());
        }
        if (outcome instanceof Outcome.Rejected r) {
            throw switch (r.code()) {
                case "not_found" -> ApiProblem.notFound(r.detail());
                case "conflict" -> ApiProblem.conflict(r.detail());
                default -> ApiProblem.validation(null, r.detail());
            };
        }
        return outcome;
    }

    private static RuntimeException translate(Throwable cause) {
        return switch (cause) {
            case ApiProblem p -> p;
            case NotLeaderException e -> ApiProblem.unavailable(e.getMessage());
            case OutcomeUnknownException e -> ApiProblem.outcomeUnknown(e.getMessage() + " — retry with the same "
                    + "idempotency key");
            case UnknownAgentException e -> ApiProblem.notFound(e.getMessage());
            case IllegalStateException e -> ApiProblem.unavailable(e.getMessage());
            case IllegalArgumentException e -> ApiProblem.validation(null, e.getMessage());
            case java.util.NoSuchElementException e -> ApiProblem.notFound(e.getMessage());
            default -> ApiProblem.internal("the request failed: " + cause);
        };
    }
}
