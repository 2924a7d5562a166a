package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.api.LeaderTransferRequest;
import dev.baton.server.cluster.Peer;

/**
 * Jazzer targets for the bodies of the cluster membership routes, decoded the way the routes decode them but
 * without changing a real cluster (see {@link HttpRequestFuzzTest}). Contract: a body either decodes or is refused
 * with a 400 {@link ApiProblem}; never another exception.
 */
class ClusterRequestFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void addNode_anyBody_decodesOrRefuses(byte[] body) {
        Peer peer;
        try {
            peer = ClusterRoutes.peerToAdd(body);
        } catch (ApiProblem refused) {
            assertThat(refused.status()).isEqualTo(400);
            return;
        }
        assertThat(Peer.parse(peer.spec())).isEqualTo(peer);
    }

    @FuzzTest(maxDuration = "3m")
    void transferLeader_anyBody_decodesOrRefuses(byte[] body) {
        try {
            Json.read(body, LeaderTransferRequest.class);
        } catch (ApiProblem refused) {
            assertThat(refused.status()).isEqualTo(400);
        }
    }
}
