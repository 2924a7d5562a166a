package dev.baton.server.raft;

import dev.baton.core.codec.CommandCodec;
import dev.baton.core.command.Command;
import dev.baton.core.state.Outcome;
import dev.baton.server.control.CommandLog;
import dev.baton.server.control.OutcomeUnknownException;
import dev.baton.server.crypto.EntryCipher;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proposes commands to Ratis from inside the leader's process, batching: one proposer thread takes whatever
 * commands queued up while earlier entries were in flight (up to {@link #MAX_BATCH_COMMANDS} commands and
 * {@link #MAX_BATCH_WEIGHT} tasks' worth of them, {@link Command#weight()}) and submits them as one log entry. At
 * most {@link #MAX_ENTRIES_IN_FLIGHT} entries are in flight, so under load batches grow instead of entries
 * multiplying: throughput comes from batching, not threads. No artificial delay is added. Each entry is sealed with
 * the active key of the {@link EntryCipher} (a no-op without encryption) before it is proposed.
 */
final class RaftCommandLog implements CommandLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftCommandLog.class);
    static final int MAX_BATCH_COMMANDS = 1_000;
    /** A batch submit of 1,000 tasks is one command: bound entries by the tasks they carry too (a few MiB). */
    static final int MAX_BATCH_WEIGHT = 8_000;
    static final int MAX_ENTRIES_IN_FLIGHT = 4;
    static final int MAX_QUEUED_COMMANDS = 100_000;

    private record Pending(Command command, CompletableFuture<Outcome> reply) {}

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUED_COMMANDS);
    private final Semaphore inFlight = new Semaphore(MAX_ENTRIES_IN_FLIGHT);
    private final LongConsumer commitLatencyNanos;
    private final EntryCipher cipher;
    private final Thread proposer;
    private volatile boolean closed;

    RaftCommandLog(RaftServer server, RaftGroupId groupId, LongConsumer commitLatencyNanos, EntryCipher cipher) {
        this.server = server;
        this.groupId = groupId;
        this.commitLatencyNanos = commitLatencyNanos;
        this.cipher = cipher;
        this.proposer = Thread.ofPlatform().name("baton-proposer").daemon().start(this::run);
    }

    @Override
    public CompletableFuture<Outcome> propose(Command command) {
        CompletableFuture<Outcome> reply = new CompletableFuture<>();
        if (closed) {
            reply.completeExceptionally(new IllegalStateException("node is shutting down"));
        } else if (!queue.offer(new Pending(command, reply))) {
            reply.completeExceptionally(new IllegalStateException("proposal queue is full; try again"));
        }
        return reply;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!closed) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                inFlight.acquire();
                batch.add(first);
                int weight = first.command().weight();
                Pending next;
                while (batch.size() < MAX_BATCH_COMMANDS && weight < MAX_BATCH_WEIGHT
                        && (next = queue.poll()) != null) {
                    batch.add(next);
                    weight += next.command().weight();
                }
                submit(List.copyOf(batch));
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("proposer failed on a batch of {}", batch.size(), e);
                batch.forEach(p -> p.reply.completeExceptionally(e));
                batch.clear();
                inFlight.release();
            }
        }
    }

    private void submit(List<Pending> proposed) {
        List<Pending> batch = proposed;
        List<Command> commands = commandsOf(batch);
        byte[] encoded;
        try {
            encoded = CommandCodec.encode(commands);
        } catch (UncheckedIOException e) {
            batch = encodable(proposed);
            if (batch.isEmpty()) {
                inFlight.release();
                return;
            }
            commands = commandsOf(batch);
            encoded = CommandCodec.encode(commands);
        }
        send(batch, commands, encoded);
    }

    private static List<Command> commandsOf(List<Pending> batch) {
        return batch.stream().map(Pending::command).toList();
    }

    /** Proposes {@code encoded}, the encoding of {@code commands} (those of {@code batch}, in order). */
    private void send(List<Pending> batch, List<Command> commands, byte[] encoded) {
        byte[] entry = cipher.seal(encoded);
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server.getId())
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(new ProposedEntry(commands, UnsafeByteOperations.unsafeWrap(entry)))
                .setType(RaftClientRequest.writeRequestType())
                .build();
        long started = System.nanoTime();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.submitClientRequestAsync(request);
        } catch (java.io.IOException e) {
            inFlight.release();
            batch.forEach(p -> p.reply.completeExceptionally(e));
            return;
        }
        reply.whenComplete((r, error) -> {
            inFlight.release();
            commitLatencyNanos.accept(System.nanoTime() - started);
            complete(batch, r, error);
        });
    }

    /**
     * The commands of {@code batch} that encode on their own; each other one is refused alone, as invalid (text that
     * is not valid Unicode, such as a lone surrogate U+D800, cannot be written to the log), so one
     * such request never fails the others that share its entry.
     */
    private static List<Pending> encodable(List<Pending> batch) {
        List<Pending> encodable = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            try {
                CommandCodec.encode(List.of(pending.command()));
                encodable.add(pending);
            } catch (UncheckedIOException e) {
                pending.reply.completeExceptionally(new IllegalArgumentException("the request holds text that "
                        + "cannot be stored: " + (e.getCause() == null ? e : e.getCause()).getMessage()));
            }
        }
        return encodable;
    }

    /**
     * Hands each command its outcome. Any failure once Ratis took the entry is an {@link OutcomeUnknownException}:
     * an entry appended by a leader that then steps down may still be committed by the next leader.
     */
    private static void complete(List<Pending> batch, RaftClientReply reply, Throwable error) {
        Throwable failure = null;
        if (error != null) {
            failure = new OutcomeUnknownException("the entry's fate is unknown: " + error, error);
        } else if (reply.getNotLeaderException() != null) {
            failure = new OutcomeUnknownException("leadership was lost while the entry was pending; the next "
                    + "leader may still apply it", RaftAdmin.notLeader(reply));
        } else if (!reply.isSuccess()) {
            failure = new OutcomeUnknownException("the entry was not confirmed as committed: "
                    + reply.getException(), reply.getException());
        } else if (!(reply.getMessage() instanceof OutcomeMessage)) {
            failure = new OutcomeUnknownException("the entry committed but its outcome did not reach this node",
                    null);
        }
        if (failure != null) {
            Throwable cause = failure;
            batch.forEach(p -> p.reply.completeExceptionally(cause));
            return;
        }
        List<Outcome> outcomes = ((OutcomeMessage) reply.getMessage()).outcomes();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).reply.complete(outcomes.get(i));
        }
    }

    @Override
    public void close() {
        closed = true;
        proposer.interrupt();
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.reply.completeExceptionally(new IllegalStateException("node is shutting down"));
        }
    }
}
