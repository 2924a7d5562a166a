package dev.baton.server.raft;

import dev.baton.core.state.Outcome;
import java.util.List;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The reply of an applied entry, handed in-process from the state machine to the proposer on the same node.
 * It carries the outcomes as objects and no bytes: only the node that proposed an entry reads its reply.
 */
record OutcomeMessage(List<Outcome> outcomes) implements Message {
    @Override
    public ByteString getContent() {
        return ByteString.EMPTY;
    }
}
