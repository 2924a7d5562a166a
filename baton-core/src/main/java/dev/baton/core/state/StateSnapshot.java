package dev.baton.core.state;

import java.util.List;

/** The primary data of a {@link BatonState}; indexes are rebuilt on load. Lists are sorted by id. */
public record StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks,
                            List<ApiKey> apiKeys, AuditSnapshot audit) {
    public static final int FORMAT_VERSION = 1;
}
