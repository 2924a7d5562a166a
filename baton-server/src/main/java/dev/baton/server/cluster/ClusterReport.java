package dev.baton.server.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ClusterView;
import dev.baton.server.raft.RaftNode;
import dev.baton.server.raft.RaftPosition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds {@code GET /v1/cluster}: this node's Raft view plus each member's own report ({@code /v1/cluster/self}),
 * asked in parallel with a short timeout, so one call shows every node's role, term, indexes, lag and last
 * contact. A member that does not answer is listed as unreachable with the reason. Thread-safe.
 */
public final class ClusterReport {
    static final Duration ASK_TIMEOUT = Duration.ofMillis(1_500);

    private final RaftNode raft;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HttpClient http;

    /** @param peerTls for HTTPS to the members (trusts their CA), or null when the cluster speaks plain HTTP */
    public ClusterReport(RaftNode raft, javax.net.ssl.SSLContext peerTls) {
        this.raft = raft;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ASK_TIMEOUT);
        this.http = (peerTls == null ? builder : builder.sslContext(peerTls)).build();
    }

    /** The cluster now; {@code authorization} (the caller's header) is passed on to the members asked. */
    public ClusterView build(String authorization) {
        RaftPosition self = raft.position();
        List<RaftNode.Member> members;
        try {
            members = raft.members();
        } catch (IOException e) {
            members = List.of();
        }
        long leaderCommit = self.commitIndex();
        List<ClusterView.NodeView> nodes = new ArrayList<>();
        try (ExecutorService asks = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ClusterView.NodeView>> reports = new ArrayList<>();
            for (RaftNode.Member member : members) {
                Callable<ClusterView.NodeView> ask = member.id().equals(self.nodeId())
                        ? () -> ownView(self) : () -> ask(member, authorization);
                reports.add(asks.submit(ask));
            }
            for (int i = 0; i < members.size(); i++) {
                nodes.add(withMember(members.get(i), await(reports.get(i))));
            }
        }
        for (ClusterView.NodeView n : nodes) {
            if ("leader".equals(n.role()) && n.commitIndex() != null) {
                leaderCommit = Math.max(leaderCommit, n.commitIndex());
            }
        }
        long commit = leaderCommit;
        List<ClusterView.NodeView> withLag = nodes.stream().map(n -> n.appliedIndex() == null ? n
                : new ClusterView.NodeView(n.id(), n.address(), n.url(), n.role(), n.reachable(), n.term(),
                        n.commitIndex(), n.appliedIndex(), Math.max(0, commit - n.appliedIndex()), n.lastContactMs(),
                        n.error())).toList();
        return new ClusterView(self.nodeId(), withLag, self.leaderId(), self.leaderUrl(), self.term(),
                self.commitIndex(), self.appliedIndex());
    }

    private static ClusterView.NodeView ownView(RaftPosition p) {
        return new ClusterView.NodeView(p.nodeId(), null, null, p.role(), true, p.term(), p.commitIndex(),
                p.appliedIndex(), null, p.lastContactMs(), null);
    }

    private ClusterView.NodeView ask(RaftNode.Member member, String authorization) throws IOException,
            InterruptedException {
        if (member.httpUrl() == null || member.httpUrl().isBlank()) {
            return unreachable("no HTTP address known for this member");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(member.httpUrl() + "/v1/cluster/self"))
                .timeout(ASK_TIMEOUT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return unreachable("answered HTTP " + response.statusCode());
        }
        return json.readValue(response.body(), ClusterView.NodeView.class);
    }

    private static ClusterView.NodeView await(Future<ClusterView.NodeView> report) {
        try {
            return report.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof java.net.ConnectException ? "connection refused"
                    : cause instanceof java.net.http.HttpTimeoutException ? "no answer within " + ASK_TIMEOUT.toMillis()
                    + " ms" : cause.getMessage() == null || cause.getMessage().isBlank()
                    ? cause.getClass().getSimpleName() : cause.getMessage();
            return unreachable(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        }
    }

    private static ClusterView.NodeView unreachable(String reason) {
        return new ClusterView.NodeView(null, null, null, "unknown", false, null, null, null, null, null, reason);
    }

    private static ClusterView.NodeView withMember(RaftNode.Member member, ClusterView.NodeView report) {
        return new ClusterView.NodeView(member.id(), member.raftAddress(), member.httpUrl(), report.role(),
                report.reachable(), report.term(), report.commitIndex(), report.appliedIndex(), report.lagEntries(),
                report.lastContactMs(), report.error());
    }
}
