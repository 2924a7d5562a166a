package dev.baton.server.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The network between simulated agents and clients and the simulated nodes. Every request and every reply may be
 * delayed (so they arrive reordered, some long after a leader change or a lease expiry), lost, or (requests)
 * delivered twice; a sender that hears nothing gives up after its timeout, as an HTTP client does. A sender may be
 * cut off for a while (a partition): what it sends and what is sent to it is lost. {@link #heal()} stops new faults;
 * messages already in flight still arrive when their time comes.
 *
 * <p>Nothing moves until {@link #pump()}, which delivers what is due by the fake clock. Single-threaded: the
 * simulation's thread is also every node's control thread.
 */
final class SimNetwork {
    /** Why a request got no answer: connection lost, node down, or the sender's timeout. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String why) {
            super(why, null, false, false);
        }
    }

    /** Sees each delivery of a request to a live node and the node's answer to that delivery. */
    interface Probe<T> {
        void delivered(SimNode node);

        void served(SimNode node, T value, Throwable error);
    }

    /** One request and the answer its sender waits for; a duplicated request is served more than once. */
    final class Exchange<T> {
        final String sender;
        final SimNode target;
        final int incarnation;
        final CompletableFuture<T> answer = new CompletableFuture<>();
        private final Function<Control, CompletableFuture<T>> call;
        private final Probe<T> probe;
        private final long timeoutAtMs;
        /** Deliveries scheduled but not yet made, and deliveries made whose node has not answered yet. */
        int inFlight;
        int serverOpen;

        private Exchange(String sender, SimNode target, Function<Control, CompletableFuture<T>> call, Probe<T> probe,
                         long timeoutAtMs) {
            this.sender = sender;
            this.target = target;
            this.incarnation = target.incarnation();
            this.call = call;
            this.probe = probe;
            this.timeoutAtMs = timeoutAtMs;
        }

        /** Nothing more can reach the node or come back from it. */
        boolean settled() {
            return inFlight == 0 && serverOpen == 0;
        }

        /** The sender has its answer and the node will not serve this request again (or is gone). */
        boolean finished() {
            return answer.isDone() && (settled() || !target.isUp() || target.incarnation() != incarnation);
        }

        private void deliver() {
            inFlight--;
            if (!target.isUp() || target.incarnation() != incarnation) {
                answer.completeExceptionally(new Unreachable(target.name() + " is down or restarted"));
                return;
            }
            serverOpen++;
            if (probe != null) {
                probe.delivered(target);
            }
            CompletableFuture<T> served;
            try {
                served = call.apply(target.control());
            } catch (RuntimeException e) {
                served = CompletableFuture.failedFuture(e);
            }
            served.whenComplete((value, error) -> {
                serverOpen--;
                Throwable cause = unwrap(error);
                if (probe != null && target.incarnation() == incarnation) {
                    try {
                        probe.served(target, value, cause);
                    } catch (AssertionError e) { // thrown here, it would vanish into the dependent future
                        violations.add(e);
                    }
                }
                if (cutOff(sender) || lose()) {
                    return;
                }
                schedule(delayMs(), () -> {
                    if (cutOff(sender)) {
                        return;
                    }
                    if (cause != null) {
                        answer.completeExceptionally(cause);
                    } else {
                        answer.complete(value);
                    }
                });
            });
        }

        private void nodeLost() {
            answer.completeExceptionally(new Unreachable("connection to " + target.name() + " lost"));
        }
    }

    private record Delivery(long atMs, long seq, Runnable action) {}

    private final RandomGenerator rnd;
    private final LongSupplier clock;
    private final PriorityQueue<Delivery> due = new PriorityQueue<>((a, b) -> a.atMs != b.atMs
            ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
    private final List<Exchange<?>> open = new ArrayList<>();
    private final Map<String, Long> cutOffUntilMs = new HashMap<>();
    private final List<AssertionError> violations = new ArrayList<>();
    private long seq;
    private boolean faulty = true;

    SimNetwork(RandomGenerator rnd, LongSupplier clock) {
        this.rnd = rnd;
        this.clock = clock;
    }

    /** Sends a request to {@code target}; the answer fails with {@link Unreachable} after {@code timeoutMs}. */
    <T> CompletableFuture<T> send(String sender, SimNode target, long timeoutMs,
                                  Function<Control, CompletableFuture<T>> call) {
        return send(sender, target, timeoutMs, call, null).answer;
    }

    <T> Exchange<T> send(String sender, SimNode target, long timeoutMs, Function<Control, CompletableFuture<T>> call,
                         Probe<T> probe) {
        Exchange<T> exchange = new Exchange<>(sender, target, call, probe, clock.getAsLong() + timeoutMs);
        open.add(exchange);
        if (cutOff(sender) || lose()) {
            return exchange;
        }
        int copies = faulty && rnd.nextInt(40) == 0 ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            exchange.inFlight++;
            schedule(delayMs(), exchange::deliver);
        }
        return exchange;
    }

    /** Delivers every message that is due; senders whose timeout passed give up. */
    void pump() {
        long now = clock.getAsLong();
        Delivery next;
        while ((next = due.peek()) != null && next.atMs <= now) {
            due.poll();
            next.action.run();
        }
        for (Iterator<Exchange<?>> it = open.iterator(); it.hasNext(); ) {
            Exchange<?> exchange = it.next();
            if (now >= exchange.timeoutAtMs && !exchange.answer.isDone()) {
                exchange.answer.completeExceptionally(new Unreachable("no answer from " + exchange.target.name()));
            }
            if (exchange.finished()) {
                it.remove();
            }
        }
    }

    /** Throws the first invariant violation a probe found while a node answered. */
    void rethrowViolations() {
        if (!violations.isEmpty()) {
            throw violations.getFirst();
        }
    }

    /** The node crashed: every connection to it breaks, so requests waiting on it fail now. */
    void nodeCrashed(SimNode node) {
        for (Exchange<?> exchange : open) {
            if (exchange.target == node && !exchange.answer.isDone()) {
                exchange.nodeLost();
            }
        }
    }

    /** Cuts the sender off (both directions) until {@code untilMs}. */
    void cutOff(String sender, long untilMs) {
        cutOffUntilMs.put(sender, untilMs);
    }

    boolean cutOff(String sender) {
        Long until = cutOffUntilMs.get(sender);
        return until != null && clock.getAsLong() < until;
    }

    /** No new losses, delays, duplicates or partitions; what is in flight still arrives. */
    void heal() {
        faulty = false;
        cutOffUntilMs.clear();
    }

    /** The cause of a failed future's completion exception, or the error itself. */
    static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    private boolean lose() {
        return faulty && rnd.nextInt(30) == 0;
    }

    private long delayMs() {
        if (!faulty) {
            return 0;
        }
        return switch (rnd.nextInt(20)) {
            case 0 -> 5_000 + rnd.nextInt(35_000); // long enough for a lease to expire or a leader to change
            case 1, 2, 3 -> rnd.nextInt(2_000);
            default -> 0;
        };
    }

    private void schedule(long delayMs, Runnable action) {
        due.add(new Delivery(clock.getAsLong() + delayMs, seq++, action));
    }
}
