package dev.baton.core.state;

import java.util.List;

/**
 * The primary data of a {@link BatonState}; indexes are rebuilt on load. Lists are sorted by id. A snapshot with a
 * missing list or a null element is refused ({@link IllegalArgumentException}), so a corrupt file never becomes a
 * half-built state.
 */
public record StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks,
                            List<ApiKey> apiKeys) {
    public static final int FORMAT_VERSION = 1;

    public StateSnapshot {
        agents = checked(agents, "agents");
        tasks = checked(tasks, "tasks");
        apiKeys = checked(apiKeys, "apiKeys");
    }

    private static <T> List<T> checked(List<T> list, String field) {
        if (list == null || list.contains(null)) {
            throw new IllegalArgumentException("snapshot field '" + field + "' is missing or holds a null");
        }
        return list;
    }
}
