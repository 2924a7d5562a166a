package dev.baton.client;

import dev.baton.api.Problem;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's way through the nodes after its first failed attempt: which node to try next, how long
 * to wait first, and when to give up. The rules are stated on {@link HttpTransport}.
 *
 * <p>The failover window starts at the first failure. No attempt starts after it ends; an attempt
 * in flight keeps its own timeout. Delays grow exponentially with jitter ({@link Backoff#failover()});
 * a hop to the leader a {@code 503} named goes at once unless that node already answered {@code 503}
 * in this call, so two nodes naming each other cannot spin.
 *
 * <p>Logging: the first time a call moves the client off a node it logs one line naming the node and
 * why (INFO for a leader hint, WARN otherwise); its later tries, and calls of other threads that find
 * the node already moved, log at debug level only. So an outage costs one line per failing call, not
 * one per retry; the caller reports a call that gave up.
 *
 * <p>Threading: confined to the calling thread; it shares only the {@link NodeList}, whose current
 * node it moves with a compare-and-set.
 */
final class Failover {
    /** The longest {@code Retry-After} honoured; longer values wait this long. */
    static final long MAX_RETRY_AFTER_MS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    private final NodeList nodes;
    private final String call;
    private final long windowMs;
    private final long deadlineNanos;
    private final Backoff backoff = Backoff.failover();
    private final Map<String, String> tried = new LinkedHashMap<>();
    private final Set<Integer> answeredUnavailable = new HashSet<>();
    private Exception lastCause;
    private boolean lastTimedOut;
    private boolean logged;

    /** Starts the window for {@code call} (such as {@code GET /v1/tasks/t-1}) now, at its first failure. */
    Failover(NodeList nodes, String call, Duration window) {
        this.nodes = nodes;
        this.call = call;
        this.windowMs = window.toMillis();
        this.deadlineNanos = System.nanoTime() + window.toNanos();
    }

    /**
     * After an attempt on node {@code index} got no reply: moves to the next node and returns once the
     * caller should try again, or throws when the request must not be repeated or the window ran out.
     */
    void afterFailure(int index, SendFailure failure, boolean resendable) {
        note(index, failure.reason(), failure.cause(), failure.kind() == SendFailure.Kind.TIMED_OUT);
        moveOn(index, nodes.next(index), failure.reason());
        if (failure.kind() != SendFailure.Kind.NOT_SENT && !resendable) {
            throw failure.toException(nodes.url(index), call);
        }
        pause(backoff.nextDelayMs());
    }

    /**
     * After node {@code index} answered {@code 503}: moves to the leader it named when that is a configured
     * node, else to the next node after the backoff or the {@code Retry-After} delay, whichever is longer.
     */
    void afterUnavailable(int index, Problem problem, String retryAfter) {
        String why = Problems.describe(problem);
        note(index, why, new BatonApiException(503, problem), false);
        answeredUnavailable.add(index);
        int leader = nodes.indexOf(problem.leaderUrl());
        if (leader >= 0 && leader != index && !answeredUnavailable.contains(leader)) {
            if (nodes.moveFrom(index, leader) && !logged) {
                logged = true;
                log.info("Baton node {} is not the leader; switching to the leader {}", nodes.url(index),
                        nodes.url(leader));
            }
            pause(0);
            return;
        }
        if (problem.leaderUrl() != null && leader < 0) {
            log.debug("Ignoring leader hint {}: not one of the configured nodes {}", problem.leaderUrl(), nodes.urls());
        }
        moveOn(index, nodes.next(index), why);
        pause(Math.max(backoff.nextDelayMs(), retryAfterMs(retryAfter)));
    }

    /** The delay a {@code Retry-After} value (seconds or an HTTP date) asks for, capped; 0 when absent or bad. */
    static long retryAfterMs(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String value = header.strip();
        long ms;
        if (value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            try {
                ms = Math.multiplyExact(Long.parseLong(value), 1_000L);
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                ms = Long.MAX_VALUE;
            }
        } else {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                ms = at.toInstant().toEpochMilli() - System.currentTimeMillis();
            } catch (DateTimeParseException notADate) {
                return 0;
            }
        }
        return Math.clamp(ms, 0, MAX_RETRY_AFTER_MS);
    }

    private void note(int index, String why, Exception cause, boolean timedOut) {
        String node = nodes.url(index);
        tried.remove(node); // Keep the order of the latest tries.
        tried.put(node, why);
        lastCause = cause;
        lastTimedOut = timedOut;
    }

    private void moveOn(int from, int to, String why) {
        if (nodes.moveFrom(from, to) && !logged) {
            logged = true;
            log.warn("Baton node {} failed ({}); switching to {}", nodes.url(from), why, nodes.url(to));
        } else {
            log.debug("{} failed on {} ({}); retrying", call, nodes.url(from), why);
        }
    }

    private void pause(long delayMs) {
        long remainingMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
            throw exhausted();
        }
        try {
            Thread.sleep(Math.min(delayMs, remainingMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonUnavailableException(call + " was interrupted while failing over", e);
        }
    }

    private BatonUnavailableException exhausted() {
        StringJoiner nodesTried = new StringJoiner("; ");
        tried.forEach((node, why) -> nodesTried.add(node + " (" + why + ")"));
        String message = "cannot reach Baton for " + call + " within the " + windowMs + " ms failover window; tried "
                + nodesTried;
        return lastTimedOut ? new BatonTimeoutException(message, lastCause)
                : new BatonUnavailableException(message, lastCause);
    }
}
