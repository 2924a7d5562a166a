package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.cluster.Peer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code peers} value: a comma-separated text of {@code id=host:httpPort[:raftPort]} specs (environment, flag,
 * or the file), or a YAML list whose items are such specs or {@code {id, host, httpPort, raftPort}} maps. Converts
 * to an immutable {@code List<Peer>} whose ids and {@code host:port} endpoints (HTTP and Raft alike) are unique.
 * Stateless.
 */
record PeerList() implements ValueKind {
    private static final List<String> MAP_KEYS = List.of("id", "host", "httpPort", "raftPort");
    private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    @Override
    public Object convert(JsonNode raw, Report report) {
        List<Peer> peers = new ArrayList<>();
        if (raw.isTextual()) {
            for (String spec : raw.asText().split(",")) {
                if (!spec.isBlank()) {
                    parseSpec(spec, report, peers);
                }
            }
        } else if (raw.isArray()) {
            for (int i = 0; i < raw.size(); i++) {
                JsonNode item = raw.get(i);
                Report itemReport = report.at("[" + i + "]", item, this);
                if (item.isTextual()) {
                    parseSpec(item.asText(), itemReport, peers);
                } else if (item.isObject()) {
                    parseMap(item, itemReport, peers);
                } else {
                    itemReport.invalid("not a peer");
                }
            }
        } else {
            report.invalid("not a list of peers");
            return null;
        }
        if (report.failed()) {
            return null;
        }
        if (peers.isEmpty()) {
            report.problem("is empty: list every node of the cluster, this one included");
            return null;
        }
        checkReachableAndUnique(peers, report);
        return report.failed() ? null : List.copyOf(peers);
    }

    @Override
    public String accepted() {
        return "id=host:httpPort[:raftPort] specs (comma-separated, or a YAML list of specs or "
                + "{id, host, httpPort, raftPort} maps)";
    }

    private static void parseSpec(String spec, Report report, List<Peer> peers) {
        try {
            peers.add(Peer.parse(spec));
        } catch (IllegalArgumentException e) {
            report.problem(e.getMessage());
        }
    }

    private static void parseMap(JsonNode item, Report report, List<Peer> peers) {
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            String name = field.getKey();
            if (!MAP_KEYS.contains(name)) {
                String hint = Suggest.closest(name, MAP_KEYS).map(s -> " (did you mean " + s + "?)").orElse("");
                report.at("." + name, item.get(name), new PeerList())
                        .problem("unknown key" + hint + "; a peer has " + String.join(", ", MAP_KEYS));
            }
        }
        Object id = part(item, "id", ValueKind.NODE_ID, report);
        Object host = part(item, "host", ValueKind.HOST, report);
        Object httpPort = part(item, "httpPort", ValueKind.PORT, report);
        Object raftPort = item.hasNonNull("raftPort") ? part(item, "raftPort", ValueKind.PORT, report) : null;
        if (report.failed()) {
            return;
        }
        long http = (Long) httpPort;
        long raft = raftPort != null ? (Long) raftPort : http + Peer.RAFT_PORT_OFFSET;
        try {
            peers.add(new Peer((String) id, (String) host, (int) http, (int) raft));
        } catch (IllegalArgumentException e) {
            report.problem(e.getMessage());
        }
    }

    private static Object part(JsonNode item, String name, ValueKind kind, Report report) {
        if (!item.hasNonNull(name)) {
            report.problem("missing " + name + " (a peer has " + String.join(", ", MAP_KEYS)
                    + "; raftPort defaults to httpPort + " + Peer.RAFT_PORT_OFFSET + ")");
            return null;
        }
        return kind.convert(item.get(name), report.at("." + name, item.get(name), kind));
    }

    private static void checkReachableAndUnique(List<Peer> peers, Report report) {
        Set<String> ids = new HashSet<>();
        Map<String, String> endpointOwners = new HashMap<>();
        for (Peer peer : peers) {
            if (WILDCARD_HOSTS.contains(peer.host())) {
                report.problem(peer.id() + "'s host " + peer.host() + " is a bind-all address; give the address "
                        + "other nodes and clients reach it at (http.host sets what to bind)");
            }
            if (!ids.add(peer.id())) {
                report.problem("node id '" + peer.id() + "' appears twice");
            }
            for (int port : peer.httpPort() == peer.raftPort() ? List.of(peer.httpPort())
                    : List.of(peer.httpPort(), peer.raftPort())) {
                String endpoint = peer.host() + ":" + port;
                String owner = endpointOwners.putIfAbsent(endpoint, peer.id());
                if (owner != null && !owner.equals(peer.id())) {
                    report.problem(owner + " and " + peer.id() + " both use " + endpoint);
                }
            }
            if (peer.httpPort() == peer.raftPort()) {
                report.problem(peer.id() + " uses port " + peer.httpPort() + " for both HTTP and Raft");
            }
        }
    }
}
