package dev.baton.cli;

import dev.baton.api.AgentList;
import dev.baton.api.AgentView;
import dev.baton.api.ApiKeyList;
import dev.baton.api.ApiKeyView;
import dev.baton.api.ClusterView;
import dev.baton.client.BatonJson;
import dev.baton.client.Health;

/** Human-readable renderings of agents, the cluster, API keys and health. Stateless. */
final class AdminFormat {
    private AdminFormat() {}

    /** A table of agents. */
    static String agents(AgentList list) {
        if (list.agents() == null || list.agents().isEmpty()) {
            return "no agents\n";
        }
        Table table = new Table("ID", "NAME", "STATE", "BREAKER", "TASKS", "CAPABILITIES", "LABELS");
        for (AgentView a : list.agents()) {
            table.row(a.id(), a.name(), a.state() == null ? null : a.state().wireName(), breaker(a),
                    a.activeTasks() + "/" + a.maxConcurrency(),
                    a.capabilities() == null ? null : String.join(",", a.capabilities()),
                    a.labels() == null || a.labels().isEmpty() ? null : a.labels().toString());
        }
        return table.render();
    }

    /** {@code closed}, or {@code open (3 failures in a row, 60% errors)}; null when the server sent none. */
    private static String breaker(AgentView a) {
        if (a.breaker() == null) {
            return null;
        }
        if ("closed".equals(a.breaker().state())) {
            return "closed";
        }
        return a.breaker().state() + " (" + a.breaker().consecutiveFailures() + " failures in a row, "
                + a.breaker().errorRatePercent() + "% errors)";
    }

    /** Leader, term and indexes as the answering node sees them, then one row per node as it reports itself. */
    static String cluster(ClusterView cluster) {
        StringBuilder text = new StringBuilder(Table.keyValues(
                "leader", cluster.leader() == null ? "none" : cluster.leader(),
                "term", cluster.term(),
                "commit index", cluster.commitIndex(),
                "applied index", cluster.appliedIndex()));
        if (cluster.nodes() != null && !cluster.nodes().isEmpty()) {
            Table nodes = new Table("NODE", "ROLE", "URL", "RAFT", "TERM", "COMMIT", "APPLIED", "LAG", "CONTACT");
            for (ClusterView.NodeView n : cluster.nodes()) {
                String role = n.reachable() ? n.role() : "unreachable";
                nodes.row(n.id(), role, n.url(), n.address(), n.term(), n.commitIndex(), n.appliedIndex(),
                        n.lagEntries(), n.lastContactMs() == null ? null : n.lastContactMs() + "ms");
            }
            text.append('\n').append(nodes.render());
            cluster.nodes().stream().filter(n -> !n.reachable() && n.error() != null)
                    .forEach(n -> text.append(n.id()).append(": ").append(n.error()).append('\n'));
        }
        return text.toString();
    }

    /** A one-line agent summary for {@code baton status}. */
    static String agentSummary(AgentList list) {
        int total = list.agents() == null ? 0 : list.agents().size();
        long ready = total == 0 ? 0 : list.agents().stream()
                .filter(a -> a.state() != null && a.state().wireName().equals("ready")).count();
        long busy = total == 0 ? 0 : list.agents().stream().mapToLong(AgentView::activeTasks).sum();
        return "agents: " + total + " (" + ready + " ready, " + busy + " tasks running)\n";
    }

    /** A table of API keys. */
    static String keys(ApiKeyList list) {
        if (list.keys() == null || list.keys().isEmpty()) {
            return "no keys\n";
        }
        Table table = new Table("ID", "NAME", "ROLE", "TENANT", "CREATED", "EXPIRES");
        for (ApiKeyView k : list.keys()) {
            table.row(k.id(), k.name(), k.role() == null ? null : k.role().wireName(), k.tenant(), k.createdAt(),
                    k.expiresAt());
        }
        return table.render();
    }

    /** A new key with its token and a reminder that it is shown once. */
    static String keyCreated(ApiKeyView key) {
        return Table.keyValues("id", key.id(), "name", key.name(),
                "role", key.role() == null ? null : key.role().wireName(), "tenant", key.tenant(),
                "expires", key.expiresAt(), "token", key.token())
                + (key.previousTokenValidUntil() == null ? "" : "The replaced token works until "
                        + key.previousTokenValidUntil() + ".\n")
                + "Store the token now: Baton does not show it again.\n";
    }

    /** {@code healthy (200) {...}} or {@code unhealthy (503) {...}}. */
    static String health(Health health) {
        return (health.healthy() ? "healthy" : "unhealthy") + " (" + health.status() + ") "
                + BatonJson.write(health.body()) + "\n";
    }
}
