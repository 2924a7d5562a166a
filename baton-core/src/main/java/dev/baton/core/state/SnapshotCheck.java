package dev.baton.core.state;

/**
 * The fields a snapshot's records cannot do without (ids, states, specs): a snapshot that lacks one was not written
 * by Baton and is refused before any index is built. Stateless.
 */
final class SnapshotCheck {
    private SnapshotCheck() {}

    static void check(StateSnapshot snapshot) {
        for (Agent a : snapshot.agents()) {
            require(a.id(), "agents[].id");
            require(a.name(), "agent " + a.id() + ": name");
            require(a.state(), "agent " + a.id() + ": state");
        }
        for (Task t : snapshot.tasks()) {
            require(t.id(), "tasks[].id");
            require(t.state(), "task " + t.id() + ": state");
            TaskSpec spec = require(t.spec(), "task " + t.id() + ": spec");
            require(spec.capability(), "task " + t.id() + ": spec.capability");
            require(spec.tenant(), "task " + t.id() + ": spec.tenant");
            require(spec.retry(), "task " + t.id() + ": spec.retry");
            require(spec.timeouts(), "task " + t.id() + ": spec.timeouts");
            t.attempts().forEach(attempt -> require(attempt, "task " + t.id() + ": attempts[]"));
        }
        for (ApiKey k : snapshot.apiKeys()) {
            require(k.id(), "apiKeys[].id");
            require(k.role(), "api key " + k.id() + ": role");
            require(k.tokenSha256(), "api key " + k.id() + ": tokenSha256");
        }
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("inconsistent snapshot: " + field + " is missing");
        }
        return value;
    }
}
