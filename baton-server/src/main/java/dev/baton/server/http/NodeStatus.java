package dev.baton.server.http;

import dev.baton.api.ClusterView;
import java.io.IOException;

/** What the HTTP layer needs to know about this node's Raft peer. */
public interface NodeStatus {
    ClusterView cluster() throws IOException;

    /** True when this node can serve requests: a leader is known and this node's state is caught up. */
    boolean ready();
}
