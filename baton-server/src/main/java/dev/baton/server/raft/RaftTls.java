package dev.baton.server.raft;

import dev.baton.server.tls.NodeTls;
import dev.baton.server.tls.TlsSettings;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * Ratis gRPC TLS for a node: with {@code tls.raftMutualTls}, the same {@link GrpcTlsConfig} (this node's reloading
 * key manager, the peers' CA, client certificates required) for the server side, the client side that dials other
 * peers, and the admin service. A peer without a certificate signed by that CA fails the TLS handshake, so it can
 * neither vote, nor append, nor receive a log entry or a snapshot. Stateless.
 *
 * <p>{@link RaftWarmup}'s scratch group stays plain: it runs on loopback, holds no data, and TLS classes are loaded
 * by the node's real connections anyway. {@link LeaderCrashWatch} only opens and closes a TCP connection, which
 * TLS does not change.
 */
final class RaftTls {
    private RaftTls() {}

    /** Parameters for the Ratis server builder; empty (plain gRPC) unless Raft mutual TLS is on. */
    static Parameters parameters(TlsSettings settings, NodeTls tls) {
        Parameters parameters = new Parameters();
        if (tls != null && settings.raftMutualTls()) {
            GrpcTlsConfig config = tls.raftTlsConfig();
            GrpcConfigKeys.TLS.setConf(parameters, config);
            GrpcConfigKeys.Server.setTlsConf(parameters, config);
            GrpcConfigKeys.Client.setTlsConf(parameters, config);
            GrpcConfigKeys.Admin.setTlsConf(parameters, config);
        }
        return parameters;
    }
}
