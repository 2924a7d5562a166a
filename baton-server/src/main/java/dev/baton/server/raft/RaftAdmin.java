package dev.baton.server.raft;

import dev.baton.server.cluster.Peer;
import dev.baton.server.control.NotLeaderException;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.server.RaftServer;

/**
 * Administrative Raft operations, submitted in-process to this node's Ratis server: membership changes and
 * leadership transfer (valid on the leader only; they fail with {@link NotLeaderException} elsewhere), snapshots
 * of this node, and linearizable read barriers. Thread-safe.
 */
public final class RaftAdmin {
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final long timeoutMs;
    private final String httpScheme;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();

    /** @param httpScheme the scheme of the members' API URLs ({@code http} or {@code https}), for added peers */
    RaftAdmin(RaftServer server, RaftGroupId groupId, long timeoutMs, String httpScheme) {
        this.server = server;
        this.groupId = groupId;
        this.timeoutMs = timeoutMs;
        this.httpScheme = httpScheme;
    }

    /**
     * Adds {@code peer} as a voting member. Completes when the new configuration is committed, which needs the new
     * peer to be running (started with {@code join}) and caught up: Ratis first brings it up to date as a
     * non-voting member, sending a snapshot if the log it needs was purged.
     */
    public CompletableFuture<Void> addPeer(Peer peer) {
        var arguments = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(List.of(RaftNode.raftPeer(peer, httpScheme)))
                .setMode(SetConfigurationRequest.Mode.ADD)
                .build();
        return submit(new SetConfigurationRequest(clientId, server.getId(), groupId, callIds.incrementAndGet(),
                arguments)).thenApply(reply -> null);
    }

    /**
     * Removes the member {@code id}; the remaining members must still form a majority of the old configuration.
     * Fails with {@link NoSuchElementException} when {@code id} is not a member.
     */
    public CompletableFuture<Void> removePeer(String id) {
        Collection<RaftPeer> current;
        try {
            current = server.getDivision(groupId).getRaftConf().getCurrentPeers();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (current.stream().noneMatch(p -> p.getId().toString().equals(id))) {
            return CompletableFuture.failedFuture(new NoSuchElementException("node '" + id
                    + "' is not a member; members are " + current.stream().map(p -> p.getId().toString()).toList()));
        }
        List<RaftPeer> remaining = current.stream().filter(p -> !p.getId().toString().equals(id)).toList();
        if (remaining.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot remove the last member"));
        }
        var arguments = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(remaining)
                .setServersInCurrentConf(List.copyOf(current))
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                .build();
        return submit(new SetConfigurationRequest(clientId, server.getId(), groupId, callIds.incrementAndGet(),
                arguments)).thenApply(reply -> null);
    }

    /**
     * The follower whose log reaches furthest, as this node (the leader) last heard from each peer; empty when
     * there is none.
     */
    public Optional<String> mostCaughtUpFollower() {
        try {
            RaftServer.Division division = server.getDivision(groupId);
            Set<String> members = division.getRaftConf().getCurrentPeers().stream()
                    .map(p -> p.getId().toString()).collect(Collectors.toSet());
            return division.getCommitInfos().stream()
                    .filter(info -> !info.getServer().getId().toStringUtf8().equals(server.getId().toString()))
                    .filter(info -> members.contains(info.getServer().getId().toStringUtf8()))
                    .max(Comparator.comparingLong(CommitInfoProto::getCommitIndex))
                    .map(info -> info.getServer().getId().toStringUtf8());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Hands leadership to {@code newLeaderId} and completes when it has taken over. */
    public CompletableFuture<Void> transferLeadership(String newLeaderId) {
        return submit(new TransferLeadershipRequest(clientId, server.getId(), groupId, callIds.incrementAndGet(),
                RaftPeerId.valueOf(newLeaderId), timeoutMs)).thenApply(reply -> null);
    }

    /** A snapshot file of this node: where it is and the log position it covers. */
    public record SnapshotFile(java.nio.file.Path path, long term, long index) {
        public String name() {
            return path.getFileName().toString();
        }
    }

    /** The newest snapshot file this node holds, if it has taken or installed one. */
    public Optional<SnapshotFile> latestSnapshot() {
        try {
            return server.getDivision(groupId).getStateMachine() instanceof BatonStateMachine machine
                    ? machine.latestSnapshotFile() : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Takes a snapshot of this node now; completes with the log index it covers. */
    public CompletableFuture<Long> takeSnapshot() {
        // A creation gap of 1: snapshot whenever anything was applied since the last one (Ratis' default skips
        // snapshots less than 1,024 entries apart).
        return submit(SnapshotManagementRequest.newCreate(clientId, server.getId(), groupId,
                callIds.incrementAndGet(), timeoutMs, 1)).thenApply(RaftClientReply::getLogIndex);
    }

    /**
     * Completes once this node has applied everything committed before the call (Raft read index): reads of the
     * local state after that are linearizable. On the leader this is answered from its lease.
     */
    public CompletableFuture<Void> readBarrier() {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server.getId())
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.EMPTY)
                .setType(RaftClientRequest.readRequestType())
                .build();
        return submit(request).thenApply(reply -> null);
    }

    private CompletableFuture<RaftClientReply> submit(RaftClientRequest request) {
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = switch (request) {
                case SetConfigurationRequest r -> server.setConfigurationAsync(r);
                case TransferLeadershipRequest r -> server.transferLeadershipAsync(r);
                case SnapshotManagementRequest r -> server.snapshotManagementAsync(r);
                default -> server.submitClientRequestAsync(request);
            };
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reply.handle((r, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw new CompletionException(retryable(cause));
            }
            return checked(r);
        });
    }

    /** The reply's not-leader error as Baton's {@link NotLeaderException} (with Ratis' leader hint), or null. */
    static NotLeaderException notLeader(RaftClientReply reply) {
        if (reply.getNotLeaderException() == null) {
            return null;
        }
        var suggested = reply.getNotLeaderException().getSuggestedLeader();
        return new NotLeaderException(suggested == null ? null : suggested.getId().toString());
    }

    private static RaftClientReply checked(RaftClientReply reply) {
        NotLeaderException notLeader = notLeader(reply);
        if (notLeader != null) {
            throw new CompletionException(notLeader);
        }
        if (!reply.isSuccess()) {
            throw new CompletionException(retryable(reply.getException()));
        }
        return reply;
    }

    /**
     * Ratis failures (in the reply or failing the future) that leave nothing changed and are worth retrying (a reconfiguration that timed out while the
     * new member caught up, another one in progress, a leader not ready or stepping down) as
     * {@link IllegalStateException}, which the HTTP layer answers with 503 and Retry-After; anything else as is.
     */
    static Throwable retryable(Throwable cause) {
        return switch (cause) {
            case null -> new IllegalStateException("the request did not succeed");
            case org.apache.ratis.protocol.exceptions.NotLeaderException e -> new NotLeaderException(
                    e.getSuggestedLeader() == null ? null : e.getSuggestedLeader().getId().toString());
            case ReconfigurationTimeoutException e -> new IllegalStateException("the membership change timed out "
                    + "before the new configuration committed (a new member may still be catching up); retry: "
                    + e.getMessage(), e);
            case ReconfigurationInProgressException e -> new IllegalStateException("another membership change is "
                    + "in progress; retry when it has finished: " + e.getMessage(), e);
            case LeaderNotReadyException e -> new IllegalStateException("the leader is not ready yet; retry", e);
            case LeaderSteppingDownException e -> new IllegalStateException("the leader is stepping down; retry", e);
            case TimeoutIOException e -> new IllegalStateException("Raft timed out; retry: " + e.getMessage(), e);
            default -> cause;
        };
    }
}
