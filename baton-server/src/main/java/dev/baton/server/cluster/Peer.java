package dev.baton.server.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One member of a Baton cluster: its id, the host other nodes and clients reach it at, its HTTP API port and its
 * Raft port. Written {@code id=host:httpPort[:raftPort]}; the Raft port defaults to {@code httpPort + 10000}.
 */
public record Peer(String id, String host, int httpPort, int raftPort) {
    public static final int RAFT_PORT_OFFSET = 10_000;

    public Peer {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw new IllegalArgumentException("node id '" + id + "' is not valid: use 1-63 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("node '" + id + "' has no host");
        }
        checkPort(id, "HTTP", httpPort);
        checkPort(id, "Raft", raftPort);
    }

    /** {@code host:raftPort}, the address Raft peers dial. */
    public String raftAddress() {
        return hostForAddress() + ":" + raftPort;
    }

    /** {@code http://host:httpPort}, the base URL of this node's API. */
    public String httpUrl() {
        return httpUrl("http");
    }

    /** {@code <scheme>://host:httpPort}: the base URL of this node's API over {@code http} or {@code https}. */
    public String httpUrl(String scheme) {
        return scheme + "://" + hostForAddress() + ":" + httpPort;
    }

    /** {@code id=host:httpPort:raftPort}, the form {@link #parse} reads. */
    public String spec() {
        return id + "=" + hostForAddress() + ":" + httpPort + ":" + raftPort;
    }

    private String hostForAddress() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Parses {@code id=host:httpPort[:raftPort]}; IPv6 hosts go in brackets ({@code n1=[::1]:8080}). */
    public static Peer parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("peer '" + text + "' is not of the form id=host:httpPort[:raftPort], "
                    + "e.g. n1=10.0.0.1:8080");
        }
        String id = text.substring(0, equals).strip();
        String address = text.substring(equals + 1).strip();
        String host;
        String ports;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0 || close + 1 >= address.length() || address.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("peer '" + text + "': an IPv6 host needs the form [addr]:port");
            }
            host = address.substring(1, close);
            ports = address.substring(close + 2);
        } else {
            int colon = address.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("peer '" + text + "' has no port: use id=host:httpPort[:raftPort]");
            }
            host = address.substring(0, colon);
            ports = address.substring(colon + 1);
        }
        String[] parts = ports.split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("peer '" + text + "' has too many ':' parts: use "
                    + "id=host:httpPort[:raftPort]");
        }
        int httpPort = port(text, parts[0]);
        int raftPort = parts.length == 2 ? port(text, parts[1]) : httpPort + RAFT_PORT_OFFSET;
        return new Peer(id, host, httpPort, raftPort);
    }

    /** Parses a comma-separated list of peers and checks that ids and addresses are unique. */
    public static List<Peer> parseList(String specs) {
        List<Peer> peers = new ArrayList<>();
        for (String spec : specs.split(",")) {
            if (!spec.isBlank()) {
                peers.add(parse(spec));
            }
        }
        checkUnique(peers);
        return List.copyOf(peers);
    }

    /** Throws when two peers share an id, an HTTP address or a Raft address. */
    public static void checkUnique(List<Peer> peers) {
        Set<String> seen = new HashSet<>();
        for (Peer peer : peers) {
            for (String key : List.of("id " + peer.id(), "address " + peer.httpUrl(), "address " + peer.raftAddress())) {
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("peers: " + key + " appears twice");
                }
            }
        }
    }

    private static int port(String spec, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peer '" + spec + "': port '" + text + "' is not a number");
        }
    }

    private static void checkPort(String id, String what, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("node '" + id + "': " + what + " port " + port
                    + " is out of range 1-65535 (0 picks a free port, for tests)");
        }
    }
}
