package dev.baton.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.baton.server.raft.RaftNode;
import org.slf4j.Marker;

/**
 * Drops Ratis' warnings about the scratch Raft group a node runs once at start to warm its leader code (its peers
 * are named {@link RaftNode#WARMUP_PEER_PREFIX}{@code N}): that group is torn down on purpose, and its "lost
 * leadership" or "append failed" lines would read like trouble in the real cluster. Everything else passes.
 */
public final class WarmupLogFilter extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith("org.apache.ratis")) {
            return FilterReply.NEUTRAL;
        }
        if (Thread.currentThread().getName().startsWith(RaftNode.WARMUP_PEER_PREFIX)
                || (format != null && format.contains(RaftNode.WARMUP_PEER_PREFIX))) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param != null && String.valueOf(param).contains(RaftNode.WARMUP_PEER_PREFIX)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }
}
